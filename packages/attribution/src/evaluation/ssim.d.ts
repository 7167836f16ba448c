/**
 * SSIM (Wang et al. 2004, "Image quality assessment: from error visibility to structural similarity") of two maps,
 * per input: with Gaussian-weighted local means μ, variances σ² and covariance σ_ab (window 11×11, σ = 1.5, the
 * paper's), SSIM = mean over pixels and channels of (2 μ_a μ_b + C1)(2 σ_ab + C2) / ((μ_a² + μ_b² + C1)(σ_a² + σ_b² + C2)),
 * C1 = (0.01 L)², C2 = (0.03 L)², L the data range of the pair (max − min over both maps; 1 if both are constant).
 * Unlike the paper's implementation (and skimage's default: a uniform 7×7 window over the valid interior) the window is
 * clipped at the borders and renormalized, so maps smaller than the window (8×8) still have a value at every pixel.
 */
import * as tf from '@tensorflow/tfjs-core';
/** Options of {@link ssim}. */
export interface SsimOptions {
  /** Standard deviation of the Gaussian window in pixels. Default 1.5. */
  readonly sigma?: number;
  /** Window radius in pixels (window 2r + 1). Default 5 (11×11). */
  readonly radius?: number;
}
/**
 * SSIM of `a` and `b` (both `[n, height, width, channels]`), one value per input in [−1, 1] (1 for identical maps).
 * The caller disposes the result.
 * @example const s = ssim(tf.abs(phiOriginal), tf.abs(phiRandomized)); // [n]
 */
export declare function ssim(a: tf.Tensor, b: tf.Tensor, options?: SsimOptions): tf.Tensor1D;
//# sourceMappingURL=ssim.d.ts.map
