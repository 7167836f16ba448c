/** `randomFlipFraction`: the share of seeded random perturbations of one radius that flip the model's class. */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@openbox/runtime';
import type { LogitsFn, PerturbationNorm } from './pgd-minimal-perturbation.js';

/**
 * For every digit, `draws` perturbations at radius `epsilon` — L∞: uniform sign noise ε·s, s ∈ {±1}ᵈ; L2: ε times a
 * Gaussian direction — clipped to the box [0, 1]; returns the fraction (over all digits × draws) whose argmax differs
 * from the label. At the median adversarial radius PGD flips half the digits; random noise of that size should flip
 * almost none if adversarial directions are special. One batch of n × draws images per call.
 * @example randomFlipFraction(f, images, labels, [28, 28, 1], 0.09, { norm: 'linf', draws: 10, rng })
 */
export function randomFlipFraction(
  f: LogitsFn,
  images: Float32Array,
  labels: Int32Array,
  shape: readonly [number, number, number],
  epsilon: number,
  options: { readonly norm: PerturbationNorm; readonly draws: number; readonly rng: Rng },
): number {
  const pixels = shape[0] * shape[1] * shape[2];
  const n = labels.length;
  const m = n * options.draws;
  const batch = new Float32Array(m * pixels);
  for (let k = 0; k < m; k++) {
    const i = Math.floor(k / options.draws);
    const row = batch.subarray(k * pixels, (k + 1) * pixels);
    if (options.norm === 'linf')
      for (let j = 0; j < pixels; j++) row[j] = options.rng.next() < 0.5 ? -epsilon : epsilon;
    else {
      let len = 0;
      for (let j = 0; j < pixels; j++) len += (row[j] = options.rng.normal()) ** 2;
      for (let j = 0; j < pixels; j++) row[j] = (row[j]! * epsilon) / Math.sqrt(len);
    }
    for (let j = 0; j < pixels; j++) row[j] = Math.min(1, Math.max(0, images[i * pixels + j]! + row[j]!));
  }
  const flipped = tf.tidy(() => {
    const predicted = tf.argMax(f(tf.tensor4d(batch, [m, ...shape])), 1);
    const expected = tf.tensor1d(
      Int32Array.from({ length: m }, (_, k) => labels[Math.floor(k / options.draws)]!),
      'int32',
    );
    return tf.sum(tf.cast(tf.notEqual(predicted, expected), 'int32')).dataSync()[0]!;
  });
  return flipped / m;
}
