/** `renderJobs`: runs each planned job through cnn-vis's `renderUnits`, with progress, and scores the unit alone. */
import * as tf from '@tensorflow/tfjs-core';
import {
  INPUT_LAYER,
  renderUnits,
  type ImageModel,
  type Objective,
  type Parameterization,
  type RenderResult,
  type Transform,
} from '@openbox/cnn-vis';
import { escapeForMessage } from '@openbox/safe-io';
import { CommandError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import type { ProgressDisplay } from '../progress.js';
import type { RenderJob } from './render-plan.js';

/** Settings shared by every job. */
export interface RenderSettings {
  readonly layer: string;
  readonly steps: number;
  readonly learningRate: number;
  readonly param: Parameterization;
  readonly transforms: Transform | null;
}

/** One job's result and its unit objective's value per item on the final images. */
export interface JobResult {
  readonly job: RenderJob;
  readonly result: RenderResult;
  /** The unit objective alone (no diversity or penalties) on each final, untransformed image. */
  readonly unitValues: Float32Array;
}

/** `objective` on `images` `[B, h, w, c]`, one value per item (one forward pass, all tensors disposed). */
export function evaluateOn(
  adapter: ImageModel,
  objective: Objective,
  images: Float32Array,
  shape: readonly number[],
): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(images, shape as [number, number, number, number]);
    const layers = objective.layers.filter((l) => l !== INPUT_LAYER);
    const acts = { ...adapter.activations(x, layers), [INPUT_LAYER]: x };
    return Float32Array.from(objective.evaluate(acts, shape[0]!).dataSync());
  });
}

/**
 * Renders every job in order (progress on `progress`, four updates per job); a failing job (e.g. a non-finite
 * objective) is a `CommandError('render-failed')` naming the layer and the job's units, before anything is written.
 * @example const results = renderJobs(adapter, plan.jobs, settings, createProgressDisplay());
 */
export function renderJobs(
  adapter: ImageModel,
  jobs: readonly RenderJob[],
  settings: RenderSettings,
  progress: ProgressDisplay,
): JobResult[] {
  const out: JobResult[] = [];
  for (const [index, job] of jobs.entries()) {
    progress.start(job.label, index, jobs.length);
    let result: RenderResult;
    try {
      result = renderUnits(adapter, job.objective, {
        batchSize: job.batchSize,
        steps: settings.steps,
        learningRate: settings.learningRate,
        seed: job.seed,
        param: settings.param,
        transforms: settings.transforms,
        progressEvery: Math.max(1, Math.floor(settings.steps / 4)),
        onProgress: (p) =>
          progress.update(
            p.step,
            p.steps,
            `mean objective ${(p.values.reduce((a, b) => a + b, 0) / p.values.length).toFixed(4)}`,
          ),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      progress.end('failed');
      throw new CommandError(
        'render-failed',
        MESSAGES.renderFailedUnits(escapeForMessage(settings.layer), job.label, reason),
      );
    }
    const unitValues = evaluateOn(adapter, job.unitObjective, result.images, result.shape);
    const mean = result.finalValues.reduce((a, b) => a + b, 0) / result.finalValues.length;
    progress.end(`final objective ${mean.toFixed(4)} (mean of ${job.batchSize})`);
    out.push({ job, result, unitValues });
  }
  return out;
}
