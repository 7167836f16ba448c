/** Target values of a large batch without gradients, in chunks of at most `batchSize` rows (perturbation methods). */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelAdapter } from '@openbox/runtime';
import type { ResolvedTarget } from './target.js';
/**
 * `[rows]`: row r of `x` scored with the target of input `owners[r]`.
 * @example const scores = forwardValues(adapter, occluded, owners, targets, 256);
 */
export declare function forwardValues(
  adapter: ModelAdapter,
  x: tf.Tensor,
  owners: Int32Array,
  targets: readonly ResolvedTarget[],
  batchSize: number,
): tf.Tensor1D;
//# sourceMappingURL=forward-values.d.ts.map
