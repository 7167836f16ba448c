/**
 * The value being explained, for every row of a batch: row r belongs to input `owners[r]` and takes that input's
 * target. Each layer is computed once for the whole batch (one forward pass), and selection is a one-hot product, so
 * the gradient of the sum with respect to the batch is each row's own gradient (rows do not interact at inference).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphHooks, ModelAdapter } from '@openbox/runtime';
import type { ResolvedTarget } from './target.js';
/**
 * `[rows]` target values of `x` (`[rows, ...input]`); with `hooks` the graph runs through `ModelAdapter.execute`
 * (modified backward rules or replaced layer outputs), else through the compiled sub-model.
 * @example const v = targetValues(adapter, images, Int32Array.from([0, 1]), resolveTargets(adapter, [3, 7], 2, 'logits', 'f'));
 */
export declare function targetValues(
  adapter: ModelAdapter,
  x: tf.Tensor,
  owners: Int32Array,
  targets: readonly ResolvedTarget[],
  hooks?: GraphHooks,
): tf.Tensor1D;
//# sourceMappingURL=target-values.d.ts.map
