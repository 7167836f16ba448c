/**
 * Localization against a known ground truth (a mask of the pixels that decide the class, e.g. the bar of
 * `makePatternImages`), per input, from the pixel scores s = Σ_c |Φ|:
 * - the pointing game (Zhang et al. 2016, "Top-down neural attention by excitation backprop"): a hit when the largest
 *   score lies inside the mask — strictly above every score outside, so a tie (or a flat map) is a miss;
 * - the mask AUC: the ROC AUC of s separating mask pixels from the rest, P(s_in > s_out) + ½ P(s_in = s_out), from
 *   average ranks (Mann–Whitney: (Σ ranks of the mask − m(m + 1)/2) / (m (P − m))); NaN when the mask is empty or full.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from '../messages.js';
import { averageRanks } from './rank-correlation.js';
/**
 * Scores `attributions` (`[n, height, width, channels]`) against `mask`: 1 (or true) on ground-truth pixels, one per
 * pixel (`n × height × width` entries, as `makePatternImages().patternMask`, or a tensor with that many).
 * @example const { pointingAccuracy, meanAuc } = localization(phi, makePatternImages({ n: 8, size: 8, seed: 0 }).patternMask);
 */
export function localization(attributions, mask) {
  const fn = 'localization';
  if (attributions.rank !== 4) throw new Error(MESSAGES.mapRank(fn, attributions.shape));
  const [n, h, w] = attributions.shape;
  const pixels = h * w;
  const size = mask instanceof tf.Tensor ? mask.size : mask.length;
  if (size !== n * pixels) throw new Error(MESSAGES.maskSize(fn, size, n * pixels));
  const values = tf.tidy(() => {
    // 1. Pixel scores and the mask, [n, P].
    const score = tf.reshape(tf.sum(tf.abs(attributions), 3), [n, pixels]);
    const m =
      mask instanceof tf.Tensor
        ? tf.cast(tf.notEqual(tf.reshape(mask, [n, pixels]), 0), 'float32')
        : tf.tensor2d(
            Float32Array.from(mask, (v) => (Number(v) !== 0 ? 1 : 0)),
            [n, pixels],
          );
    const inside = tf.greater(m, 0);
    // 2. Pointing game: max inside > max outside (−∞ where a side is empty).
    const none = tf.fill([n, pixels], Number.NEGATIVE_INFINITY);
    const maxIn = tf.max(tf.where(inside, score, none), 1);
    const maxOut = tf.max(tf.where(inside, none, score), 1);
    const hit = tf.cast(tf.greater(maxIn, maxOut), 'float32');
    // 3. Mask AUC from average ranks.
    const count = tf.sum(m, 1);
    const rankSum = tf.sum(tf.mul(averageRanks(score), m), 1);
    const u = tf.sub(rankSum, tf.div(tf.mul(count, tf.add(count, 1)), 2));
    const auc = tf.div(u, tf.mul(count, tf.sub(pixels, count)));
    return tf.concat([hit, auc]).dataSync();
  });
  const hits = Array.from(values.subarray(0, n), (v) => v === 1);
  const auc = values.slice(n);
  const finite = auc.filter((v) => Number.isFinite(v));
  return {
    hits,
    pointingAccuracy: hits.filter(Boolean).length / n,
    auc,
    meanAuc: finite.reduce((s, v) => s + v, 0) / finite.length,
  };
}
//# sourceMappingURL=localization.js.map
