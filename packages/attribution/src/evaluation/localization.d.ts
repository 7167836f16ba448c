/**
 * Localization against a known ground truth (a mask of the pixels that decide the class, e.g. the bar of
 * `makePatternImages`), per input, from the pixel scores s = Σ_c |Φ|:
 * - the pointing game (Zhang et al. 2016, "Top-down neural attention by excitation backprop"): a hit when the largest
 *   score lies inside the mask — strictly above every score outside, so a tie (or a flat map) is a miss;
 * - the mask AUC: the ROC AUC of s separating mask pixels from the rest, P(s_in > s_out) + ½ P(s_in = s_out), from
 *   average ranks (Mann–Whitney: (Σ ranks of the mask − m(m + 1)/2) / (m (P − m))); NaN when the mask is empty or full.
 */
import * as tf from '@tensorflow/tfjs-core';
/** What {@link localization} returns. */
export interface LocalizationResult {
  /** Per input: the largest |Φ| is inside the mask. */
  readonly hits: readonly boolean[];
  /** Fraction of hits. */
  readonly pointingAccuracy: number;
  /** Per input, the mask AUC in [0, 1] (0.5 for a map that does not tell the mask apart). */
  readonly auc: Float32Array;
  /** Mean of the finite AUCs. */
  readonly meanAuc: number;
}
/**
 * Scores `attributions` (`[n, height, width, channels]`) against `mask`: 1 (or true) on ground-truth pixels, one per
 * pixel (`n × height × width` entries, as `makePatternImages().patternMask`, or a tensor with that many).
 * @example const { pointingAccuracy, meanAuc } = localization(phi, makePatternImages({ n: 8, size: 8, seed: 0 }).patternMask);
 */
export declare function localization(
  attributions: tf.Tensor,
  mask: tf.Tensor | ArrayLike<number | boolean>,
): LocalizationResult;
//# sourceMappingURL=localization.d.ts.map
