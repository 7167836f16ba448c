/**
 * Spearman's rank correlation of two maps, per input: the Pearson correlation of their ranks, ties given the average
 * of the ranks they span (as `scipy.stats.spearmanr`), ρ = cov(R(a), R(b)) / (σ(R(a)) σ(R(b))). Adebayo et al. 2018
 * compare attribution maps this way (of |Φ|, and of Φ signed).
 */
import * as tf from '@tensorflow/tfjs-core';
/**
 * Average ranks (1-based) of each row of `x` (`[n, d]`): for a value v, #(< v) + (#(= v) + 1) / 2, from a sort and
 * two binary searches (no d × d comparison).
 * @example averageRanks(tf.tensor2d([[3, 1, 3]])) // [[2.5, 1, 2.5]]
 */
export declare function averageRanks(x: tf.Tensor2D): tf.Tensor2D;
/**
 * Pearson correlation of the rows of `a` and `b` (`[n, d]`); NaN for a constant row.
 * @example pearsonRows(tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[2, 4, 7]])) // [0.993]
 */
export declare function pearsonRows(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D;
/**
 * Spearman's ρ of `a` and `b` (same shape `[n, ...]`, every entry of a row ranked together), one per input, in
 * [−1, 1]; NaN where a map is constant (its ranks have no variance). The caller disposes the result.
 * @example rankCorrelation(tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[3, 2, 1]])) // [-1]
 */
export declare function rankCorrelation(a: tf.Tensor, b: tf.Tensor): tf.Tensor1D;
//# sourceMappingURL=rank-correlation.d.ts.map
