/** Wires the dashboard's live endpoint to the real models: the reference CNN and the MNIST logistic templates. */
import * as tf from '@tensorflow/tfjs-core';
import { createLiveFunction } from './create-live-function.js';
import type { LiveOptions } from './live-types.js';
import { loadReferenceCnn } from '@openbox/cnn-vis';
import { loadMnist } from '@openbox/datasets';
import { loadLrTemplates } from '@openbox/suite';

/**
 * Live options for the dashboard: the CNN (trained and cached on first use) answers with its probabilities and
 * per-layer activations, the logistic-regression templates with their scores; digits are the MNIST test split.
 * The models live as long as the process (the dashboard serves them until it stops).
 * @example await serveDashboard({ resultsDir: 'results', live: await referenceLive(cacheDir) });
 */
export async function referenceLive(cacheDir: string): Promise<LiveOptions> {
  const { model } = await loadReferenceCnn({ cacheDir });
  const templates = loadLrTemplates(cacheDir);
  // Templates are stored [10, 784]; scores = x · W + b needs W as [784, 10].
  const lrWeights = tf.tidy(() => tf.transpose(tf.tensor2d(templates.weights, [10, 784])) as tf.Tensor2D);
  const lrBias = tf.tensor1d(templates.intercepts);
  const { test } = loadMnist({ seed: 0 });
  return {
    predict: createLiveFunction({ cnn: model, lrWeights, lrBias }),
    digits: {
      count: test.shape[0]!,
      get: (index) => ({
        pixels: test.features.slice(index * 784, (index + 1) * 784),
        label: test.target[index]!,
      }),
    },
  };
}
