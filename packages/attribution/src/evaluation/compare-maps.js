/**
 * How alike two attribution maps of the same inputs are (Adebayo et al. 2018, §3): Spearman's ρ of |Φ| and of Φ, and
 * the SSIM of |Φ| with each map scaled to [0, 1] by its maximum (their normalization; ρ is scale-free already).
 */
import * as tf from '@tensorflow/tfjs-core';
import { rankCorrelation } from './rank-correlation.js';
import { ssim } from './ssim.js';
/**
 * `[3, n]`: rows ρ(|a|, |b|), ρ(a, b), SSIM(|a| / max|a|, |b| / max|b|). The caller disposes it.
 * @example const s = compareMaps(phiOriginal, phiRandomized);
 */
export function compareMaps(a, b) {
  return tf.tidy(() => {
    const unit = (t) => {
      const abs = tf.abs(t);
      const top = tf.max(abs, [1, 2, 3], true);
      return tf.div(abs, tf.where(tf.greater(top, 0), top, tf.onesLike(top)));
    };
    const [ua, ub] = [unit(a), unit(b)];
    return tf.stack([rankCorrelation(ua, ub), rankCorrelation(a, b), ssim(ua, ub, {})]);
  });
}
const meanOf = (v) => {
  const kept = v.filter((x) => !Number.isNaN(x));
  return kept.reduce((s, x) => s + x, 0) / kept.length;
};
/**
 * The {@link MapSimilarity} of the values `[3, n]` of {@link compareMaps}, read back as `values`.
 * @example const similarity = similarityOf(compareMaps(a, b).dataSync() as Float32Array, n);
 */
export function similarityOf(values, n) {
  const [rankAbs, rank, s] = [0, 1, 2].map((k) => values.slice(k * n, (k + 1) * n));
  return {
    rankAbs,
    rank,
    ssim: s,
    meanRankAbs: meanOf(rankAbs),
    meanRank: meanOf(rank),
    meanSsim: meanOf(s),
  };
}
//# sourceMappingURL=compare-maps.js.map
