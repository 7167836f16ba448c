/**
 * Deletion and insertion curves (Petsiuk et al. 2018, "RISE", §4.1): the pixels are ordered most important first by
 * the attribution map (Σ over channels of Φ, or of |Φ|); the deletion curve scores the input with the first fraction
 * t of them replaced by a baseline (zeros by default), the insertion curve a blurred canvas with the first fraction
 * t of them put back. A faithful map makes deletion fall fast (low AUC) and insertion rise fast (high AUC). Points at
 * t_j = round(j P / steps) / P, j = 0..steps, of P = height × width pixels; AUC = ∫₀¹ by the trapezoid rule over t.
 * Every curve point of every input is one row of one batched forward pass (in chunks).
 */
import * as tf from '@tensorflow/tfjs-core';
import { type Baseline, type BaselineOptions } from '../baselines/make-baseline.js';
import { type ModelLike } from '../core/prepare.js';
import { type Attributions, type EvaluationOptions } from './explainer.js';
/** Options of {@link deletionInsertion}. `output` defaults to `'model'` here (the probability, as in RISE). */
export interface DeletionInsertionOptions extends EvaluationOptions {
  /** Curve intervals. Default min(P, 100) for P pixels (one pixel per step on small images). */
  readonly steps?: number;
  /** What deleted pixels become. Default `'zeros'`. */
  readonly deletionBaseline?: Baseline;
  /** The canvas pixels are inserted into. Default `'blur'` (σ = min(height, width) / 8 unless `baselineOptions`). */
  readonly insertionBaseline?: Baseline;
  readonly baselineOptions?: BaselineOptions;
  /** Order pixels by Σ_c |Φ| instead of Σ_c Φ. Default false. */
  readonly abs?: boolean;
}
/** What {@link deletionInsertion} returns (plain arrays; no tensor is left). */
export interface DeletionInsertionResult {
  /** `[steps + 1]` fractions of pixels deleted (inserted), 0 to 1. */
  readonly fractions: Float32Array;
  /** Per input, `[steps + 1]` scores of the target. */
  readonly deletion: readonly Float32Array[];
  readonly insertion: readonly Float32Array[];
  /** Per input, the trapezoid AUC over the fractions. */
  readonly deletionAuc: Float32Array;
  readonly insertionAuc: Float32Array;
}
/**
 * @example const { deletionAuc, insertionAuc } = deletionInsertion(cnn, digits, saliency, { targets: [3, 7], steps: 28 });
 */
export declare function deletionInsertion(
  model: ModelLike,
  inputs: tf.Tensor,
  attributions: Attributions,
  options: DeletionInsertionOptions,
): DeletionInsertionResult;
//# sourceMappingURL=deletion-insertion.d.ts.map
