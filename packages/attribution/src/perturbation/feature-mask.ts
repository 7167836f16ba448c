/**
 * Feature masks for the perturbation methods: an integer id per pixel (all channels of a pixel share it) grouping
 * pixels into d features, ids 0..d − 1. A square grid (superpixels) is the default; a caller may give any mask.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from '../messages.js';
import type { Baseline, BaselineOptions } from '../baselines/make-baseline.js';
import { checkPositiveInteger } from '../core/prepare.js';
import { resolveBaselines } from './perturbed-values.js';

/** A checked feature mask: `ids` `[masks, height·width]` int32 (`masks` is 1 or n), and the feature count `d`. */
export interface ResolvedMask {
  readonly ids: tf.Tensor2D;
  readonly d: number;
}

/**
 * `[1, height, width]` int32: square cells of `cell` pixels (the last row and column of cells may be smaller), ids
 * row-major, `ceil(height / cell) · ceil(width / cell)` features.
 * @example gridFeatureMask(8, 8, 4).arraySync() // [[[0,0,0,0,1,1,1,1], …, [2,2,2,2,3,3,3,3]]]
 */
export function gridFeatureMask(height: number, width: number, cell: number): tf.Tensor3D {
  const fn = 'gridFeatureMask';
  checkPositiveInteger(fn, 'height', height);
  checkPositiveInteger(fn, 'width', width);
  checkPositiveInteger(fn, 'cell', cell);
  const columns = Math.ceil(width / cell);
  const ids = new Int32Array(height * width);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      ids[y * width + x] = Math.floor(y / cell) * columns + Math.floor(x / cell);
  return tf.tensor3d(ids, [1, height, width], 'int32');
}

/**
 * Checks a caller's mask against inputs `[n, height, width, channels]`: shape `[1 | n, height, width]`, integer ids
 * from 0 to d − 1 with every id present in every mask (d = the largest id + 1). Returns the ids flattened per mask.
 * @example const { ids, d } = resolveFeatureMask('feature-ablation', mask, inputs.shape);
 */
export function resolveFeatureMask(fn: string, mask: tf.Tensor, inputShape: readonly number[]): ResolvedMask {
  const [n, h, w] = inputShape as [number, number, number, number];
  if (
    mask.rank !== 3 ||
    (mask.shape[0] !== 1 && mask.shape[0] !== n) ||
    mask.shape[1] !== h ||
    mask.shape[2] !== w
  )
    throw new Error(MESSAGES.featureMaskShape(fn, mask.shape, [n, h, w]));
  const values = mask.dataSync();
  const m = mask.shape[0]!;
  let d = 0;
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0) throw new Error(MESSAGES.featureMaskIds(fn, v));
    d = Math.max(d, v + 1);
  }
  for (let k = 0; k < m; k++) {
    const seen = new Uint8Array(d);
    for (let p = 0; p < h * w; p++) seen[values[k * h * w + p]!] = 1;
    const missing = seen.indexOf(0);
    if (missing >= 0) throw new Error(MESSAGES.featureMaskMissing(fn, missing, k, d));
  }
  return { ids: tf.tensor2d(Int32Array.from(values), [m, h * w], 'int32'), d };
}

/**
 * The feature mask (default: a grid of 4-pixel cells) and the baselines (default 0) of a feature-mask method,
 * checked; nothing is left allocated when a check throws.
 * @example const { ids, d, baselines } = resolveMaskAndBaselines('shapley-sampling', inputs, options);
 */
/** Options of every method over a feature mask (feature ablation, Shapley sampling, KernelSHAP). */
export interface MaskOptions {
  /** `[1 | n, height, width]` integer ids 0..d − 1, each present. Default `gridFeatureMask(h, w, 4)`. */
  readonly featureMask?: tf.Tensor;
  /** What an absent (ablated) feature's pixels become: a number or a {@link Baseline}. Default 0. */
  readonly baselines?: number | Baseline;
  /** Data, blur and range for a named baseline. */
  readonly baselineOptions?: BaselineOptions;
}

export function resolveMaskAndBaselines(
  fn: string,
  inputs: tf.Tensor,
  options: MaskOptions,
): ResolvedMask & { baselines: tf.Tensor } {
  const [, h, w] = inputs.shape as [number, number, number, number];
  const grid = options.featureMask === undefined ? gridFeatureMask(h, w, 4) : undefined;
  try {
    const { ids, d } = resolveFeatureMask(fn, options.featureMask ?? grid!, inputs.shape);
    try {
      return {
        ids,
        d,
        baselines: resolveBaselines(fn, options.baselines ?? 0, inputs, options.baselineOptions),
      };
    } catch (error) {
      ids.dispose();
      throw error;
    }
  } finally {
    grid?.dispose();
  }
}
