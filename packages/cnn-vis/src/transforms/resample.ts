/** A gather-free, differentiable bilinear resampler: per-row shears (one shift conv × weights) and separable scaling (matmuls). */
import * as tf from '@tensorflow/tfjs-core';

/** Linear-interpolation weight of integer offset k for a fractional shift s: max(0, 1 − |s − k|). */
const hat = (s: number, k: number): number => Math.max(0, 1 - Math.abs(s - k));

/** `[1, 2K+1, 1, 2K+1]` kernel whose output channel j copies the input shifted by `direction·(j − K)` along x. */
function shiftKernel(k: number, direction: 1 | -1): tf.Tensor4D {
  const n = 2 * k + 1;
  const values = new Float32Array(n * n);
  for (let j = 0; j < n; j++) values[(direction === 1 ? j : n - 1 - j) * n + j] = 1;
  return tf.tensor4d(values, [1, n, 1, n]);
}

/**
 * `out[p, y, x] = Σ_j weights[p, y, j] · planes[p, y, x + direction·(j − K)]` for single-channel planes
 * `[P, H, W, 1]` and weights `[P, H, 1, 2K+1]`: one conv with a fixed one-hot kernel makes every shifted copy
 * (zeros enter through 'same' padding), then a weighted sum over j.
 */
function weightedShift(planes: tf.Tensor4D, weights: tf.Tensor4D, k: number, direction: 1 | -1): tf.Tensor4D {
  const [p, h, w] = planes.shape;
  const shifted = tf.conv2d(planes, shiftKernel(k, direction), 1, 'same');
  return tf.reshape(tf.sum(tf.mul(shifted, weights), 3), [p, h, w, 1]);
}

/**
 * Shears along x: `out[b, y, x] = in[b, y, x + shift[b][y]]` with linear interpolation and zeros outside, as
 * `Σ_k w_k[b, y] · in[b, y, x + k]` over integer offsets |k| ≤ K with hat weights `w_k = max(0, 1 − |s − k|)`.
 * The op is linear in the image, so its gradient is the adjoint: the same weighted sum with the shifts reversed —
 * given explicitly (`tf.customGrad`), so forward and backward are each one plain conv plus a multiply and a sum
 * (no gather, no per-offset slices, no slow conv-backprop kernel). `shifts` is `[B][H]` in pixels.
 */
export function shearRows(image: tf.Tensor4D, shifts: readonly (readonly number[])[]): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, h, w, c] = image.shape;
    let maxShift = 0;
    for (const row of shifts) for (const s of row) maxShift = Math.max(maxShift, Math.abs(s));
    if (maxShift === 0) return tf.clone(image);
    const k = Math.ceil(maxShift);
    const n = 2 * k + 1;
    const values = new Float32Array(b * c * h * n);
    shifts.forEach((row, i) => {
      for (let ch = 0; ch < c; ch++) {
        row.forEach((s, y) => {
          for (let j = 0; j < n; j++) values[((i * c + ch) * h + y) * n + j] = hat(s, j - k);
        });
      }
    });
    const shear = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const weights = tf.tensor4d(values, [b * c, h, 1, n]);
      (args[1] as tf.GradSaveFunc)([weights]); // kept by the tape until the backward pass
      return {
        value: weightedShift(args[0] as tf.Tensor4D, weights, k, 1),
        gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
          weightedShift(dy as tf.Tensor4D, saved[0] as tf.Tensor4D, k, -1),
      };
    });
    // Channels into the batch: [B, H, W, C] → [B·C, H, W, 1].
    const planes = c === 1 ? image : tf.reshape(tf.transpose(image, [0, 3, 1, 2]), [b * c, h, w, 1]);
    const out = shear(planes as tf.Tensor4D) as tf.Tensor4D;
    return (c === 1 ? out : tf.transpose(tf.reshape(out, [b, c, h, w]), [0, 2, 3, 1])) as tf.Tensor4D;
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
    const shearX = (x: tf.Tensor4D, a: readonly number[]) =>
      shearRows(
        x,
        a.map((ai) => Array.from({ length: h }, (_, y) => ai * (y - cy))),
      );
    const shearY = (x: tf.Tensor4D, s: readonly number[]) =>
      swapAxes(
        shearRows(
          swapAxes(x),
          s.map((si) => Array.from({ length: w }, (_, col) => si * (col - cx))),
        ),
      );
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
    if (scales.every((s) => s === scales[0])) return scaleAll(image, scales[0] ?? 1);
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

/**
 * One zoom for the whole batch (Lucid's `random_scale` draws one per step): each axis is a single 2-D matmul with the
 * shared `[n, n]` interpolation matrix (much faster on wasm than a batch of small matmuls).
 */
function scaleAll(image: tf.Tensor4D, scale: number): tf.Tensor4D {
  const [b, h, w, c] = image.shape;
  // Along x: rows are (b, y, c) with x last.
  const xLast =
    c === 1 ? tf.reshape(image, [b * h, w]) : tf.reshape(tf.transpose(image, [0, 1, 3, 2]), [b * h * c, w]);
  const ax = tf.tensor2d(scaleMatrix(w, scale), [w, w]);
  const alongX = tf.matMul(xLast, ax, false, true); // [rows, w] · A_xᵀ
  const backX =
    c === 1 ? tf.reshape(alongX, [b, h, w, 1]) : tf.transpose(tf.reshape(alongX, [b, h, c, w]), [0, 1, 3, 2]);
  // Along y: y first, everything else as columns.
  const yFirst = tf.reshape(tf.transpose(backX, [1, 0, 2, 3]), [h, b * w * c]);
  const alongY = tf.matMul(tf.tensor2d(scaleMatrix(h, scale), [h, h]), yFirst);
  return tf.transpose(tf.reshape(alongY, [h, b, w, c]), [1, 0, 2, 3]) as tf.Tensor4D;
}
