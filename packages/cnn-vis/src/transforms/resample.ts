/** A gather-free, differentiable bilinear resampler: per-row shears (slices × weights) and separable scaling (matmuls). */
import * as tf from '@tensorflow/tfjs-core';

/** Linear-interpolation weight of integer offset k for a fractional shift s: max(0, 1 − |s − k|). */
const hat = (s: number, k: number): number => Math.max(0, 1 - Math.abs(s - k));

/**
 * Shears along x: `out[b, y, x] = in[b, y, x + shift[b][y]]` with linear interpolation and zeros outside.
 * Implemented as `Σ_k w_k[b, y] · in[b, y, x + k]` over integer k (slices of a zero-padded copy), so it is a sum of
 * products of the input with constants: differentiable by tfjs on every backend.
 * `shifts` is `[B][H]` in pixels.
 */
export function shearRows(image: tf.Tensor4D, shifts: readonly (readonly number[])[]): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, h, w] = image.shape;
    let maxShift = 0;
    for (const row of shifts) for (const s of row) maxShift = Math.max(maxShift, Math.abs(s));
    const k = Math.ceil(maxShift);
    if (k === 0 && shifts.every((row) => row.every((s) => s === 0))) return tf.clone(image);
    const padded = tf.pad(image, [[0, 0], [0, 0], [k, k], [0, 0]]);
    const terms: tf.Tensor4D[] = [];
    for (let offset = -k; offset <= k; offset++) {
      const weights = new Float32Array(b * h);
      let any = false;
      shifts.forEach((row, i) => row.forEach((s, y) => ((weights[i * h + y] = hat(s, offset)), (any ||= weights[i * h + y]! > 0))));
      if (!any) continue;
      const slice = tf.slice(padded, [0, 0, k + offset, 0], [-1, -1, w, -1]);
      terms.push(tf.mul(slice, tf.tensor4d(weights, [b, h, 1, 1])));
    }
    return tf.addN(terms);
  });
}

/** Swaps the two spatial axes: `[B, H, W, C] → [B, W, H, C]`. */
export function swapAxes(image: tf.Tensor4D): tf.Tensor4D {
  return tf.transpose(image, [0, 2, 1, 3]);
}

/**
 * Rotates each image by `angles[b]` radians about its centre with three shears (Paeth 1986):
 * `R(φ) = Sx(−tan(φ/2)) · Sy(sin φ) · Sx(−tan(φ/2))`, so `out(p) = in(c + R(φ)(p − c))` in (x, y) pixel coordinates,
 * each pass a linear interpolation. Zeros enter from outside the image.
 * @example rotateImages(images, [0.1, -0.1]) // two images, ±5.7°
 */
export function rotateImages(image: tf.Tensor4D, angles: readonly number[]): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = image.shape;
    const cy = (h - 1) / 2;
    const cx = (w - 1) / 2;
    const shearX = (x: tf.Tensor4D, a: readonly number[]) => shearRows(x, a.map((ai) => Array.from({ length: h }, (_, y) => ai * (y - cy))));
    const shearY = (x: tf.Tensor4D, s: readonly number[]) =>
      swapAxes(shearRows(swapAxes(x), s.map((si) => Array.from({ length: w }, (_, col) => si * (col - cx)))));
    const a = angles.map((phi) => -Math.tan(phi / 2));
    return shearX(shearY(shearX(image, a), angles.map(Math.sin)), a);
  });
}

/** `[n, n]` linear-interpolation matrix sampling `in((i − c)/s + c)` for output row i (zeros outside). */
export function scaleMatrix(n: number, scale: number): Float32Array {
  const m = new Float32Array(n * n);
  const c = (n - 1) / 2;
  for (let i = 0; i < n; i++) {
    const src = (i - c) / scale + c;
    const lo = Math.floor(src);
    for (const q of [lo, lo + 1]) if (q >= 0 && q < n) m[i * n + q] = hat(src, q);
  }
  return m;
}

/**
 * Zooms each image by `scales[b]` about its centre (`out(p) = in(c + (p − c)/s)`), keeping its size, as two
 * batched matmuls with per-image interpolation matrices (separable bilinear).
 * @example scaleImages(images, [0.9, 1.1])
 */
export function scaleImages(image: tf.Tensor4D, scales: readonly number[]): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, h, w, c] = image.shape;
    const stack = (n: number) => {
      const all = new Float32Array(b * n * n);
      scales.forEach((s, i) => all.set(scaleMatrix(n, s), i * n * n));
      return tf.tensor3d(all, [b, n, n]);
    };
    const alongY = tf.matMul(stack(h), tf.reshape(image, [b, h, w * c]));
    const swapped = tf.reshape(swapAxes(tf.reshape(alongY, [b, h, w, c])), [b, w, h * c]);
    const alongX = tf.matMul(stack(w), swapped);
    return swapAxes(tf.reshape(alongX, [b, w, h, c]));
  });
}
