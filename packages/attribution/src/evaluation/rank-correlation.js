/**
 * Spearman's rank correlation of two maps, per input: the Pearson correlation of their ranks, ties given the average
 * of the ranks they span (as `scipy.stats.spearmanr`), ρ = cov(R(a), R(b)) / (σ(R(a)) σ(R(b))). Adebayo et al. 2018
 * compare attribution maps this way (of |Φ|, and of Φ signed).
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkSameShape } from './explainer.js';
/**
 * Average ranks (1-based) of each row of `x` (`[n, d]`): for a value v, #(< v) + (#(= v) + 1) / 2, from a sort and
 * two binary searches (no d × d comparison).
 * @example averageRanks(tf.tensor2d([[3, 1, 3]])) // [[2.5, 1, 2.5]]
 */
export function averageRanks(x) {
  return tf.tidy(() => {
    const d = x.shape[1];
    const sorted = tf.reverse(tf.topk(x, d, true).values, 1);
    const below = tf.cast(tf.lowerBound(sorted, x), 'float32');
    const upTo = tf.cast(tf.upperBound(sorted, x), 'float32');
    return tf.div(tf.add(tf.add(below, upTo), 1), 2);
  });
}
/**
 * Pearson correlation of the rows of `a` and `b` (`[n, d]`); NaN for a constant row.
 * @example pearsonRows(tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[2, 4, 7]])) // [0.993]
 */
export function pearsonRows(a, b) {
  return tf.tidy(() => {
    const ca = tf.sub(a, tf.mean(a, 1, true));
    const cb = tf.sub(b, tf.mean(b, 1, true));
    const cov = tf.sum(tf.mul(ca, cb), 1);
    return tf.div(cov, tf.sqrt(tf.mul(tf.sum(tf.square(ca), 1), tf.sum(tf.square(cb), 1))));
  });
}
/**
 * Spearman's ρ of `a` and `b` (same shape `[n, ...]`, every entry of a row ranked together), one per input, in
 * [−1, 1]; NaN where a map is constant (its ranks have no variance). The caller disposes the result.
 * @example rankCorrelation(tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[3, 2, 1]])) // [-1]
 */
export function rankCorrelation(a, b) {
  checkSameShape('rankCorrelation', 'the second maps', b, a);
  return tf.tidy(() => {
    const n = a.shape[0];
    const flat = (t) => tf.reshape(t, [n, -1]);
    return pearsonRows(averageRanks(flat(a)), averageRanks(flat(b)));
  });
}
//# sourceMappingURL=rank-correlation.js.map
