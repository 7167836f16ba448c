/** Target values of a large batch without gradients, in chunks of at most `batchSize` rows (perturbation methods). */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageModel } from '@openbox/runtime';
import { inChunks } from './input-gradients.js';
import type { ResolvedTarget } from './target.js';
import { targetValues } from './target-values.js';

/**
 * `[rows]`: row r of `x` scored with the target of input `owners[r]`.
 * @example const scores = forwardValues(adapter, occluded, owners, targets, 256);
 */
export function forwardValues(
  adapter: ImageModel,
  x: tf.Tensor,
  owners: Int32Array,
  targets: readonly ResolvedTarget[],
  batchSize: number,
): tf.Tensor1D {
  const rows = x.shape[0]!;
  const [values] = inChunks(rows, batchSize, (start, end) =>
    tf.tidy(() => {
      const chunk = rows === end - start ? x : tf.slice(x, start, end - start);
      return [targetValues(adapter, chunk, owners.subarray(start, end), targets)] as const;
    }),
  );
  return values as tf.Tensor1D;
}
