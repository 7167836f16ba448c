/**
 * How alike two attribution maps of the same inputs are (Adebayo et al. 2018, §3): Spearman's ρ of |Φ| and of Φ, and
 * the SSIM of |Φ| with each map scaled to [0, 1] by its maximum (their normalization; ρ is scale-free already).
 */
import * as tf from '@tensorflow/tfjs-core';
/** Per-input similarity of two maps, and its mean over inputs (NaN entries, constant maps, left out of the mean). */
export interface MapSimilarity {
  /** Spearman's ρ of |Φ| per input. */
  readonly rankAbs: Float32Array;
  /** Spearman's ρ of Φ (signed) per input. */
  readonly rank: Float32Array;
  /** SSIM of |Φ| / max |Φ| per input. */
  readonly ssim: Float32Array;
  readonly meanRankAbs: number;
  readonly meanRank: number;
  readonly meanSsim: number;
}
/**
 * `[3, n]`: rows ρ(|a|, |b|), ρ(a, b), SSIM(|a| / max|a|, |b| / max|b|). The caller disposes it.
 * @example const s = compareMaps(phiOriginal, phiRandomized);
 */
export declare function compareMaps(a: tf.Tensor, b: tf.Tensor): tf.Tensor2D;
/**
 * The {@link MapSimilarity} of the values `[3, n]` of {@link compareMaps}, read back as `values`.
 * @example const similarity = similarityOf(compareMaps(a, b).dataSync() as Float32Array, n);
 */
export declare function similarityOf(values: Float32Array, n: number): MapSimilarity;
//# sourceMappingURL=compare-maps.d.ts.map
