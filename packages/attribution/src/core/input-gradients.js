/**
 * Gradients of each row's target value with respect to that row, computed in chunks of at most `batchSize` rows so
 * that a large expanded batch (integrated gradients: steps × inputs) stays under a memory bound.
 */
import * as tf from '@tensorflow/tfjs-core';
import { targetValues } from './target-values.js';
/** Calls `run(start, end)` for consecutive chunks of `[0, rows)` of at most `size` rows and concatenates each output. */
export function inChunks(rows, size, run) {
  const parts = [];
  for (let start = 0; start < rows; start += size) parts.push([...run(start, Math.min(rows, start + size))]);
  if (parts.length === 1) return parts[0];
  const joined = parts[0].map((_, k) => tf.concat(parts.map((p) => p[k])));
  for (const p of parts) for (const t of p) t.dispose();
  return joined;
}
/**
 * ∂ f_{target(owners[r])}(x_r) / ∂ x_r for every row r of `x`, and f at x_r.
 * @example const { gradients, values } = inputGradients(adapter, x, Int32Array.from([0]), targets, { batchSize: 64 });
 */
export function inputGradients(adapter, x, owners, targets, options) {
  const rows = x.shape[0];
  const [gradients, values] = inChunks(rows, options.batchSize, (start, end) =>
    tf.tidy(() => {
      const chunk = rows === end - start ? x : tf.slice(x, start, end - start);
      const own = owners.subarray(start, end);
      let kept;
      const grad = tf.grad((v) => {
        const f = targetValues(adapter, v, own, targets, options.hooks);
        kept = tf.keep(f);
        return tf.sum(f);
      })(chunk);
      return [grad, kept];
    }),
  );
  return { gradients, values: values };
}
//# sourceMappingURL=input-gradients.js.map
