/**
 * Baselines (references) for the methods that compare an input with "absence": zeros, the data mean, a blurred copy
 * of the input (Sturmfels et al. 2020), uniform noise (seeded), or a tensor the caller gives (`[1 | n, ...input]`).
 */
import * as tf from '@tensorflow/tfjs-core';
export declare const BASELINE_KINDS: readonly ['zeros', 'mean', 'blur', 'uniform'];
export type BaselineKind = (typeof BASELINE_KINDS)[number];
/** A named baseline or a tensor `[1 | n, ...input]`. */
export type Baseline = BaselineKind | tf.Tensor;
/** Options of {@link makeBaseline}. */
export interface BaselineOptions {
  /** Dataset images `[m, ...input]`, for `mean` (their mean image). */
  readonly data?: tf.Tensor;
  /** Blur standard deviation in pixels. Default: min(height, width) / 8. */
  readonly blurSigma?: number;
  /** `uniform` draws in [low, high]. Default: the inputs' own [min, max]. */
  readonly range?: readonly [number, number];
  /** Seed of `uniform`. Default 0. */
  readonly seed?: number;
}
/**
 * The baseline for each input, `[n, ...input]` (the caller disposes it).
 * @example const b = makeBaseline('integratedGradients', 'blur', digits, { blurSigma: 3 });
 */
export declare function makeBaseline(
  fn: string,
  spec: Baseline,
  inputs: tf.Tensor,
  options?: BaselineOptions,
): tf.Tensor;
//# sourceMappingURL=make-baseline.d.ts.map
