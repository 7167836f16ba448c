/** The reference live model as a worker module (`createWorkerLive`): the reference CNN and the MNIST LR templates. */
import * as tf from '@tensorflow/tfjs-core';
import { loadReferenceCnn } from '@openbox/cnn-vis';
import { initBackend } from '@openbox/runtime';
import { loadLrTemplates } from '@openbox/suite';
import { createLiveFunction } from './create-live-function.js';
import type { LiveFunction } from './live-types.js';

/** What `referenceLive` passes to the worker. */
export interface ReferenceWorkerData {
  /** The models' cache folder (`defaultCacheDir()` in the CLI). */
  readonly cacheDir: string;
}

/**
 * `LiveModelModule.loadLiveFunction` of the reference models, run inside the worker: initializes the best
 * backend there (`initBackend`), loads the CNN (trained and cached on first use) and the LR templates, and
 * keeps them for the worker's life.
 */
export async function loadLiveFunction(data: unknown): Promise<LiveFunction> {
  const { cacheDir } = data as ReferenceWorkerData;
  await initBackend();
  const { model } = await loadReferenceCnn({ cacheDir });
  const templates = loadLrTemplates(cacheDir);
  // Templates are stored [10, 784]; scores = x · W + b needs W as [784, 10].
  const lrWeights = tf.tidy(() => tf.transpose(tf.tensor2d(templates.weights, [10, 784])) as tf.Tensor2D);
  const lrBias = tf.tensor1d(templates.intercepts);
  return createLiveFunction({ cnn: model, lrWeights, lrBias });
}
