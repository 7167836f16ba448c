/** Colour decorrelation: optimize in a decorrelated colour basis and map to RGB with ImageNet's colour-correlation square root. */
import * as tf from '@tensorflow/tfjs-core';
import type { Parameterization } from './parameterization.js';

/** Square root of ImageNet's RGB correlation matrix (Lucid's `color_correlation_svd_sqrt`). */
export const COLOR_CORRELATION_SVD_SQRT: readonly (readonly [number, number, number])[] = [
  [0.26, 0.09, 0.02],
  [0.27, 0.0, -0.05],
  [0.27, -0.09, 0.03],
];

/** {@link COLOR_CORRELATION_SVD_SQRT} divided by its largest column norm, transposed for `rgb = t · Mᵀ`. */
export function colorMatrixTransposed(): Float32Array {
  const m = COLOR_CORRELATION_SVD_SQRT;
  let maxNorm = 0;
  for (let col = 0; col < 3; col++)
    maxNorm = Math.max(maxNorm, Math.hypot(m[0]![col]!, m[1]![col]!, m[2]![col]!));
  const out = new Float32Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out[j * 3 + i] = m[i]![j]! / maxNorm; // out = (M / max)ᵀ
  return out;
}

/**
 * Wraps a parameterization so its 3 channels are decorrelated colour components: `rgb = t · (M / max‖M_col‖)ᵀ`
 * (Olah et al. 2017, "decorrelated color space"). Images with other channel counts pass through unchanged
 * (the matrix is an RGB statistic).
 * @example sigmoidRange(decorrelateColors(fourierParam()))
 */
export function decorrelateColors(inner: Parameterization): Parameterization {
  return (shape, rng) => {
    const base = inner(shape, rng);
    if (shape[3] !== 3) return base;
    const matrix = tf.tensor2d(colorMatrixTransposed(), [3, 3]);
    const [b, h, w] = shape;
    return {
      params: base.params,
      image: () =>
        tf.tidy(
          () =>
            tf.reshape(tf.matMul(tf.reshape(base.image(), [b * h * w, 3]), matrix), [
              b,
              h,
              w,
              3,
            ]) as tf.Tensor4D,
        ),
      dispose: () => (base.dispose(), matrix.dispose()),
    };
  };
}
