/** Options of `renderUnits` with documented defaults (Lucid's `render_vis`), resolved once. */
import type { ImageModel } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
import { lucidParam } from '../param/lucid-param.js';
import type { Parameterization } from '../param/parameterization.js';
import { standardTransforms } from '../transforms/standard-transforms.js';
import type { Transform } from '../transforms/transform.js';

/** What the progress callback receives. */
export interface RenderProgress {
  /** Steps done so far (1-based). */
  readonly step: number;
  readonly steps: number;
  /** Objective value per batch item at this step (read back from the device only for this callback). */
  readonly values: Float32Array;
}

/** Options for `renderUnits`. */
export interface RenderOptions {
  /** Batch size; default: the objective's unit-list length, else 1. */
  readonly batchSize?: number;
  /** Optimization steps. Default 512 (Lucid). */
  readonly steps?: number;
  /** Adam learning rate. Default 0.05 (Lucid). */
  readonly learningRate?: number;
  /** Seed of the initial parameters and the random transforms. Default 0. */
  readonly seed?: number;
  /** Default: `lucidParam({ range: [0, 1] })` — Fourier, colour-decorrelated (RGB), sigmoid, init sd 0.01. */
  readonly param?: Parameterization;
  /** Default: `standardTransforms(inputSize, channels)` (Lucid's, scaled to the input size). `null` for none. */
  readonly transforms?: Transform | null;
  /** Record the objective every `recordEvery` steps (kept on the device, read once at the end). Default 8. */
  readonly recordEvery?: number;
  /** Called every `progressEvery` steps and at the end. Each call reads the objective back (a device sync). */
  readonly onProgress?: (progress: RenderProgress) => void;
  /** Default 32. */
  readonly progressEvery?: number;
}

/** {@link RenderOptions} with every default applied. */
export interface ResolvedRenderOptions {
  readonly batchSize: number;
  readonly steps: number;
  readonly learningRate: number;
  readonly seed: number;
  readonly param: Parameterization;
  readonly transforms: Transform | null;
  readonly recordEvery: number;
  readonly onProgress: ((progress: RenderProgress) => void) | undefined;
  readonly progressEvery: number;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(MESSAGES.positiveInteger('renderUnits', name, value));
  return value;
}

/** Applies the defaults for `adapter` (input size picks the transform sizes). */
export function resolveRenderOptions(
  adapter: ImageModel,
  objectiveBatch: number | undefined,
  options: RenderOptions,
): ResolvedRenderOptions {
  const [h, w, c] = adapter.inputShape;
  const learningRate = options.learningRate ?? 0.05;
  if (!(learningRate > 0)) throw new Error(MESSAGES.nonNegative('renderUnits', 'learningRate', learningRate));
  return {
    batchSize: positiveInteger('batchSize', options.batchSize ?? objectiveBatch ?? 1),
    steps: positiveInteger('steps', options.steps ?? 512),
    learningRate,
    seed: options.seed ?? 0,
    param: options.param ?? lucidParam({ range: [0, 1] }),
    transforms: options.transforms === undefined ? standardTransforms(Math.max(h, w), c) : options.transforms,
    recordEvery: positiveInteger('recordEvery', options.recordEvery ?? 8),
    onProgress: options.onProgress,
    progressEvery: positiveInteger('progressEvery', options.progressEvery ?? 32),
  };
}
