/**
 * SSIM (Wang et al. 2004, "Image quality assessment: from error visibility to structural similarity") of two maps,
 * per input: with Gaussian-weighted local means μ, variances σ² and covariance σ_ab (window 11×11, σ = 1.5, the
 * paper's), SSIM = mean over pixels and channels of (2 μ_a μ_b + C1)(2 σ_ab + C2) / ((μ_a² + μ_b² + C1)(σ_a² + σ_b² + C2)),
 * C1 = (0.01 L)², C2 = (0.03 L)², L the data range of the pair (max − min over both maps; 1 if both are constant).
 * Unlike the paper's implementation (and skimage's default: a uniform 7×7 window over the valid interior) the window is
 * clipped at the borders and renormalized, so maps smaller than the window (8×8) still have a value at every pixel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from '../messages.js';
import { checkSameShape } from './explainer.js';
const K1 = 0.01;
const K2 = 0.03;
/** Weighted local mean of `x` (`[n, h, w, c]`) under a separable window `k`, renormalized by the window mass inside. */
function localMean(x, k) {
  const blur = (t) => {
    const c = t.shape[3];
    const row = tf.tile(tf.tensor4d(k, [1, k.length, 1, 1]), [1, 1, c, 1]);
    const col = tf.tile(tf.tensor4d(k, [k.length, 1, 1, 1]), [1, 1, c, 1]);
    return tf.depthwiseConv2d(tf.depthwiseConv2d(t, row, 1, 'same'), col, 1, 'same');
  };
  const [, h, w, c] = x.shape;
  return tf.div(blur(x), blur(tf.ones([1, h, w, c])));
}
/**
 * SSIM of `a` and `b` (both `[n, height, width, channels]`), one value per input in [−1, 1] (1 for identical maps).
 * The caller disposes the result.
 * @example const s = ssim(tf.abs(phiOriginal), tf.abs(phiRandomized)); // [n]
 */
export function ssim(a, b, options = {}) {
  const fn = 'ssim';
  if (a.rank !== 4) throw new Error(MESSAGES.mapRank(fn, a.shape));
  checkSameShape(fn, 'the second maps', b, a);
  const sigma = options.sigma ?? 1.5;
  if (!Number.isFinite(sigma) || sigma <= 0) throw new Error(MESSAGES.positive(fn, 'options.sigma', sigma));
  const radius = options.radius ?? 5;
  if (!Number.isInteger(radius) || radius < 1)
    throw new Error(MESSAGES.positiveInteger(fn, 'options.radius', radius));
  const k = Float32Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigma ** 2)),
  );
  return tf.tidy(() => {
    const [x, y] = [a, b].map((t) => tf.cast(t, 'float32'));
    const both = tf.concat([x, y], 1);
    const range = tf.sub(tf.max(both, [1, 2, 3]), tf.min(both, [1, 2, 3]));
    const L = tf.reshape(tf.where(tf.greater(range, 0), range, tf.onesLike(range)), [-1, 1, 1, 1]);
    const c1 = tf.square(tf.mul(L, K1));
    const c2 = tf.square(tf.mul(L, K2));
    // Moments of the maps minus their global means: E[x²] − μ² then cancels far less in float32.
    const [gx, gy] = [x, y].map((t) => tf.mean(t, [1, 2, 3], true));
    const [dx, dy] = [tf.sub(x, gx), tf.sub(y, gy)];
    const [ux, uy] = [localMean(dx, k), localMean(dy, k)];
    const vx = tf.sub(localMean(tf.square(dx), k), tf.square(ux));
    const vy = tf.sub(localMean(tf.square(dy), k), tf.square(uy));
    const cxy = tf.sub(localMean(tf.mul(dx, dy), k), tf.mul(ux, uy));
    const [mx, my] = [tf.add(ux, gx), tf.add(uy, gy)];
    const num = tf.mul(tf.add(tf.mul(2, tf.mul(mx, my)), c1), tf.add(tf.mul(2, cxy), c2));
    const den = tf.mul(tf.add(tf.add(tf.square(mx), tf.square(my)), c1), tf.add(tf.add(vx, vy), c2));
    return tf.mean(tf.div(num, den), [1, 2, 3]);
  });
}
//# sourceMappingURL=ssim.js.map
