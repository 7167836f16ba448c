/** `randomFlipRadius`: how far along one seeded random direction each digit must move (in the box) to flip the model. */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@openbox/runtime';
import type { LogitsFn, PerturbationNorm } from './pgd-minimal-perturbation.js';

/** Options of {@link randomFlipRadius}. */
export interface RandomFlipOptions {
  readonly norm: PerturbationNorm;
  readonly rng: Rng;
  /** Largest radius tried: 1 for `linf`, √pixels for `l2` (the box's extent) unless given. */
  readonly maxEpsilon?: number;
  /** Halvings of [0, maxEpsilon]. Default 10. */
  readonly bisections?: number;
}

/**
 * A seeded random direction of the norm's unit sphere per digit — L∞: uniform signs s ∈ {±1}ᵈ (the L∞ sphere's
 * "corner" noise); L2: a Gaussian direction u/‖u‖ — and the smallest r with argmax f(clip(x + r·s, 0, 1)) ≠ y, by
 * bisection over r (forward passes only, all digits in one batch). `Infinity` where maxEpsilon does not flip. The
 * random-perturbation null of the adversarial experiment: if adversarial radii are special, these are far larger.
 * @example randomFlipRadius(f, images, labels, [28, 28, 1], { norm: 'l2', rng: ctx.rng.fork('random-l2') })
 */
export function randomFlipRadius(
  f: LogitsFn,
  images: Float32Array,
  labels: Int32Array,
  shape: readonly [number, number, number],
  options: RandomFlipOptions,
): Float64Array {
  const pixels = shape[0] * shape[1] * shape[2];
  const n = labels.length;
  const maxEpsilon = options.maxEpsilon ?? (options.norm === 'linf' ? 1 : Math.sqrt(pixels));
  // 1. One direction per digit.
  const dir = new Float32Array(n * pixels);
  for (let i = 0; i < n; i++) {
    const row = dir.subarray(i * pixels, (i + 1) * pixels);
    if (options.norm === 'linf') for (let j = 0; j < pixels; j++) row[j] = options.rng.next() < 0.5 ? -1 : 1;
    else {
      let len = 0;
      for (let j = 0; j < pixels; j++) len += (row[j] = options.rng.normal()) ** 2;
      for (let j = 0; j < pixels; j++) row[j] = row[j]! / Math.sqrt(len);
    }
  }
  const x0 = tf.tensor4d(images, [n, ...shape]);
  const d = tf.tensor4d(dir, [n, ...shape]);
  const y = tf.tensor1d(labels, 'int32');
  const flips = (radii: Float64Array) =>
    tf.tidy(() => {
      const r = tf.tensor4d(Float32Array.from(radii), [n, 1, 1, 1]);
      const x = tf.clipByValue(tf.add(x0, tf.mul(r, d)), 0, 1) as tf.Tensor4D;
      return tf.notEqual(tf.argMax(f(x), 1), y).dataSync() as Uint8Array;
    });
  // 2. The largest radius, then bisection.
  const reachable = flips(new Float64Array(n).fill(maxEpsilon));
  const lo = new Float64Array(n);
  const hi = new Float64Array(n).fill(maxEpsilon);
  for (let b = 0; b < (options.bisections ?? 10); b++) {
    const mid = hi.map((h, i) => (lo[i]! + h) / 2);
    const now = flips(mid);
    for (let i = 0; i < n; i++) now[i] ? (hi[i] = mid[i]!) : (lo[i] = mid[i]!);
  }
  tf.dispose([x0, d, y]);
  return hi.map((h, i) => (reachable[i] ? h : Infinity));
}
