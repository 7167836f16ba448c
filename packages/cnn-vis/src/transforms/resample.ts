/**
 * A differentiable bilinear resampler built from 1-D linear interpolations along lines (shears along rows or columns,
 * separable zooms), each one typed-array pass with its adjoint as the gradient (`resampleLines`): cost and memory
 * O(pixels) per pass, forward and backward.
 */
import * as tf from '@tensorflow/tfjs-core';
import { resampleLines } from './line-resample.js';

/**
 * Shears along x: `out[b, y, x] = in[b, y, x + shifts[b][y]]` with linear interpolation and zeros outside; linear in
 * the image, its gradient is the same shear with the shifts reversed. `shifts` is `[B][H]` in pixels.
 */
export function shearRows(image: tf.Tensor4D, shifts: readonly (readonly number[])[]): tf.Tensor4D {
  if (shifts.every((row) => row.every((s) => s === 0))) return tf.clone(image);
  // Each row as its own one-line image, so every row gets its own shift in one pass.
  const [b, h, w, c] = image.shape;
  const rows = tf.reshape(image, [b * h, 1, w, c]) as tf.Tensor4D;
  const moved = resampleLines(
    rows,
    'x',
    shifts.flatMap((row) => row.map((s) => [s, 1, 0] as const)),
  );
  return tf.reshape(moved, [b, h, w, c]) as tf.Tensor4D;
}

/** Swaps the two spatial axes: `[B, H, W, C] → [B, W, H, C]`. */
export function swapAxes(image: tf.Tensor4D): tf.Tensor4D {
  return tf.transpose(image, [0, 2, 1, 3]);
}

/**
 * Rotates each image by `angles[b]` radians about its centre with three shears (Paeth 1986):
 * `R(φ) = Sx(−tan(φ/2)) · Sy(sin φ) · Sx(−tan(φ/2))`, so `out(p) = in(c + R(φ)(p − c))` in (x, y) pixel coordinates,
 * each pass a linear interpolation along rows, columns, rows. Zeros enter from outside the image.
 * @example rotateImages(images, [0.1, -0.1]) // two images, ±5.7°
 */
export function rotateImages(image: tf.Tensor4D, angles: readonly number[]): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = image.shape;
    const cy = (h - 1) / 2;
    const cx = (w - 1) / 2;
    const a = angles.map((phi) => -Math.tan(phi / 2));
    const s = angles.map(Math.sin);
    // x + a·(y − cy) along rows, then y + s·(x − cx) along columns, then rows again.
    const shearX = (x: tf.Tensor4D) =>
      resampleLines(
        x,
        'x',
        a.map((ai) => [-ai * cy, 1, ai] as const),
      );
    const shearY = (x: tf.Tensor4D) =>
      resampleLines(
        x,
        'y',
        s.map((si) => [-si * cx, 1, si] as const),
      );
    return shearX(shearY(shearX(image)));
  });
}

/** `[n, n]` linear-interpolation matrix sampling `in((i − c)/s + c)` for output row i (zeros outside). */
export function scaleMatrix(n: number, scale: number): Float32Array {
  const m = new Float32Array(n * n);
  const c = (n - 1) / 2;
  for (let i = 0; i < n; i++) {
    const src = (i - c) / scale + c;
    const lo = Math.floor(src);
    for (const q of [lo, lo + 1]) if (q >= 0 && q < n) m[i * n + q] = Math.max(0, 1 - Math.abs(src - q));
  }
  return m;
}

/**
 * Zooms each image by `scales[b]` about its centre (`out(p) = in(c + (p − c)/s)`), keeping its size: separable
 * bilinear, one linear-interpolation pass along x and one along y.
 * @example scaleImages(images, [0.9, 1.1])
 */
export function scaleImages(image: tf.Tensor4D, scales: readonly number[]): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = image.shape;
    const cy = (h - 1) / 2;
    const cx = (w - 1) / 2;
    // c + (i − c)/s = c·(1 − 1/s) + i/s along each axis.
    const alongX = resampleLines(
      image,
      'x',
      scales.map((s) => [cx * (1 - 1 / s), 1 / s, 0] as const),
    );
    return resampleLines(
      alongX,
      'y',
      scales.map((s) => [cy * (1 - 1 / s), 1 / s, 0] as const),
    );
  });
}
