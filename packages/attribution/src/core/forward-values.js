/** Target values of a large batch without gradients, in chunks of at most `batchSize` rows (perturbation methods). */
import * as tf from '@tensorflow/tfjs-core';
import { inChunks } from './input-gradients.js';
import { targetValues } from './target-values.js';
/**
 * `[rows]`: row r of `x` scored with the target of input `owners[r]`.
 * @example const scores = forwardValues(adapter, occluded, owners, targets, 256);
 */
export function forwardValues(adapter, x, owners, targets, batchSize) {
  const rows = x.shape[0];
  const [values] = inChunks(rows, batchSize, (start, end) =>
    tf.tidy(() => {
      const chunk = rows === end - start ? x : tf.slice(x, start, end - start);
      return [targetValues(adapter, chunk, owners.subarray(start, end), targets)];
    }),
  );
  return values;
}
//# sourceMappingURL=forward-values.js.map
