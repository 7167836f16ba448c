/** Test fixtures for the Shapley methods: every coalition's value scored by the model, exact Shapley values in float64. Not built. */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageModel } from '@openbox/runtime';

/** An 8×8 mask of 6 column stripes of unequal widths (ids 0 0 1 2 3 3 4 5 across), as `[1, 8, 8]` ids. */
export const STRIPES = Int32Array.from({ length: 64 }, (_, p) => [0, 0, 1, 2, 3, 3, 4, 5][p % 8]!);

/**
 * v(S) for every coalition S ⊆ {0..d−1} (bit j of the index: feature j keeps the input, else the baseline), the
 * logit `target` of one input `[h, w, c]` with its pixel mask, scored by the model in one batch.
 */
export function coalitionValues(
  adapter: ImageModel,
  x: Float32Array,
  baseline: Float32Array,
  mask: Int32Array,
  shape: readonly [number, number, number],
  target: number,
): Float64Array {
  const d = Math.max(...mask) + 1;
  const c = shape[2];
  const size = x.length;
  const images = new Float32Array((1 << d) * size);
  for (let s = 0; s < 1 << d; s++)
    for (let i = 0; i < size; i++)
      images[s * size + i] = (s >> mask[Math.floor(i / c)]!) & 1 ? x[i]! : baseline[i]!;
  const picked = tf.tidy(() => {
    const logits = adapter.activations(tf.tensor4d(images, [1 << d, ...shape]), ['logits'])['logits']!;
    return tf.gather(logits, target, 1);
  });
  const values = Float64Array.from(picked.dataSync());
  picked.dispose();
  return values;
}

/** φ_j = Σ_{S ∌ j} |S|! (d − |S| − 1)! / d! · (v(S ∪ {j}) − v(S)), by enumeration in float64. */
export function exactShapley(values: Float64Array, d: number): Float64Array {
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const bits = (s: number): number => (s === 0 ? 0 : (s & 1) + bits(s >> 1));
  const phi = new Float64Array(d);
  for (let s = 0; s < 1 << d; s++)
    for (let j = 0; j < d; j++)
      if (((s >> j) & 1) === 0) {
        const weight = (factorial(bits(s)) * factorial(d - bits(s) - 1)) / factorial(d);
        phi[j]! += weight * (values[s | (1 << j)]! - values[s]!);
      }
  return phi;
}

/** Per-feature values read off an attribution map `[h·w·c]` (every pixel of a feature carries the same value). */
export function perFeature(
  attributions: Float32Array | Int32Array | Uint8Array,
  mask: Int32Array,
  c: number,
): Float64Array {
  const d = Math.max(...mask) + 1;
  const out = new Float64Array(d);
  mask.forEach((j, p) => (out[j] = attributions[p * c]!));
  return out;
}

/** The largest |a_j − b_j|. */
export function maxError(a: Float64Array, b: Float64Array): number {
  return a.reduce((m, v, j) => Math.max(m, Math.abs(v - b[j]!)), 0);
}
