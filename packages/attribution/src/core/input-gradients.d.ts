/**
 * Gradients of each row's target value with respect to that row, computed in chunks of at most `batchSize` rows so
 * that a large expanded batch (integrated gradients: steps × inputs) stays under a memory bound.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphHooks, ModelAdapter } from '@openbox/runtime';
import type { ResolvedTarget } from './target.js';
/** Gradients `[rows, ...input]` and the target values `[rows]` at the same points. */
export interface GradientsAndValues {
  readonly gradients: tf.Tensor;
  readonly values: tf.Tensor1D;
}
/** Options of {@link inputGradients}. */
export interface InputGradientOptions {
  /** Most rows per forward/backward pass. */
  readonly batchSize: number;
  /** Modified backward rules (guided backpropagation, DeepLIFT), passed to `ModelAdapter.execute`. */
  readonly hooks?: GraphHooks;
}
/** Calls `run(start, end)` for consecutive chunks of `[0, rows)` of at most `size` rows and concatenates each output. */
export declare function inChunks<T extends readonly tf.Tensor[]>(
  rows: number,
  size: number,
  run: (start: number, end: number) => T,
): T;
/**
 * ∂ f_{target(owners[r])}(x_r) / ∂ x_r for every row r of `x`, and f at x_r.
 * @example const { gradients, values } = inputGradients(adapter, x, Int32Array.from([0]), targets, { batchSize: 64 });
 */
export declare function inputGradients(
  adapter: ModelAdapter,
  x: tf.Tensor,
  owners: Int32Array,
  targets: readonly ResolvedTarget[],
  options: InputGradientOptions,
): GradientsAndValues;
//# sourceMappingURL=input-gradients.d.ts.map
