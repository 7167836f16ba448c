/**
 * What the evaluation functions evaluate: an attribution method (called with the evaluation's targets and output and
 * `methodOptions`), or any function `(inputs, model, owners) => attributions`, or (for the metrics that only need the
 * map at the given inputs) a ready attribution tensor.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AttributionMethod, AttributionResult, CommonOptions } from '../core/method.js';
import type { ModelLike } from '../core/prepare.js';
/**
 * Attributions `[rows, ...input]` of `inputs` under `model`; row r of `inputs` belongs to input `owners[r]` of the
 * evaluated batch (and takes its target). The evaluation disposes the returned tensor.
 */
export type ExplainFn = (inputs: tf.Tensor, model: ModelLike, owners: Int32Array) => tf.Tensor;
/** A method (any options in `methodOptions`) or a function. */
export type Explainer = AttributionMethod | ExplainFn;
/** An explainer, or the attributions of the evaluated inputs themselves (`[n, ...input]`, not disposed). */
export type Attributions = Explainer | tf.Tensor;
/** Options every evaluation that calls an explainer takes: the method's common options, plus its own. */
export interface EvaluationOptions extends CommonOptions {
  /** Options passed to the method besides `targets`, `output` and `internalBatchSize`. Default `{}`. */
  readonly methodOptions?: object;
}
/**
 * Attributions of `inputs` (rows owned by `owners`), checked to have the inputs' shape; the caller disposes them.
 * @example const phi = explain('infidelity', saliency, model, x, tiledOwners(n, 1), { targets: 3 });
 */
export declare function explain(
  fn: string,
  explainer: Explainer,
  model: ModelLike,
  inputs: tf.Tensor,
  owners: Int32Array,
  options: EvaluationOptions,
): tf.Tensor;
/**
 * The method's whole result for `inputs` (rows owned by `owners`), its attributions checked to have the inputs'
 * shape; the caller disposes every tensor in it.
 * @example const { attributions, delta } = callMethod('completeness', ig, model, x, owners, { targets: 0 });
 */
export declare function callMethod(
  fn: string,
  method: AttributionMethod,
  model: ModelLike,
  inputs: tf.Tensor,
  owners: Int32Array,
  options: EvaluationOptions,
): AttributionResult;
/**
 * Throws (after `cleanup`) unless `a` has the shape of `b`.
 * @example checkSameShape('ssim', 'the second maps', b, a);
 */
export declare function checkSameShape(
  fn: string,
  what: string,
  a: tf.Tensor,
  b: tf.Tensor,
  cleanup?: () => void,
): void;
/**
 * The attributions of the evaluated inputs (one row per input): a given tensor is cloned after a shape check.
 * @example const phi = attributionsOf('deletionInsertion', saliency, model, x, { targets: 0 });
 */
export declare function attributionsOf(
  fn: string,
  attributions: Attributions,
  model: ModelLike,
  inputs: tf.Tensor,
  options: EvaluationOptions,
): tf.Tensor;
//# sourceMappingURL=explainer.d.ts.map
