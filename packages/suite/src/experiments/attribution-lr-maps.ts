/** LR's exact attribution maps of digits, a derangement of the classes, and Spearman's ρ of two maps on a pixel mask. */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@openbox/runtime';
import { rankCorrelation } from '@openbox/attribution';
import { sampleShape, type DigitSample, type LrExactBaseline } from './attribution-methods.js';
import type { LrTemplates } from './lr-templates.js';

/**
 * LR's exact attribution of logit `classes[i]` for each digit: w_k ⊙ x (zero reference) or w_k ⊙ (x − x̄) (against
 * the mean digit: the exact Shapley values of a linear logit with that reference), `[n · d]` (d = h·w·c, 784 on MNIST).
 * @example lrExactMap(templates, digits, digits.targets, 'zeros', mean)
 */
export function lrExactMap(
  templates: LrTemplates,
  digits: DigitSample,
  classes: readonly number[],
  baseline: LrExactBaseline,
  mean: Float32Array,
): Float32Array {
  const d = sampleShape(digits).pixels;
  const out = new Float32Array(digits.n * d);
  for (let i = 0; i < digits.n; i++) {
    const k = classes[i]!;
    for (let j = 0; j < d; j++) {
      const x = digits.images[i * d + j]!;
      out[i * d + j] = templates.weights[k * d + j]! * (baseline === 'zeros' ? x : x - mean[j]!);
    }
  }
  return out;
}

/** A uniformly random derangement of 0..size−1 (no fixed point), by rejection of `rng.shuffle` draws. */
export function derangement(rng: Rng, size = 10): number[] {
  for (;;) {
    const p = rng.shuffle(Array.from({ length: size }, (_, i) => i));
    if (p.every((v, i) => v !== i)) return p;
  }
}

/**
 * The pixels of each digit where the map can differ from 0 for a method that multiplies by (x − reference): x ≠ 0
 * (zero reference) or x ≠ x̄ (mean digit). Outside them both maps are 0 (LR's exactly), and ranking those ties would
 * make any two such maps agree.
 */
export function attributionMask(
  digits: DigitSample,
  baseline: LrExactBaseline,
  mean: Float32Array,
): boolean[][] {
  const d = sampleShape(digits).pixels;
  return Array.from({ length: digits.n }, (_, i) =>
    Array.from({ length: d }, (_, j) => {
      const x = digits.images[i * d + j]!;
      return baseline === 'zeros' ? x !== 0 : x !== mean[j]!;
    }),
  );
}

/**
 * Spearman's ρ of maps `a` and `b` (`[n · d]`) per image, over that digit's `mask` pixels (`rankCorrelation`). A map
 * constant on the mask (Grad-CAM of a re-initialized net is often all 0 after its ReLU) ranks nothing: its ρ, NaN in
 * `rankCorrelation`, is counted as 0 (no agreement).
 */
export function maskedSpearman(a: Float32Array, b: Float32Array, mask: readonly boolean[][]): number[] {
  return mask.map((m, i) => {
    const kept: number[] = [];
    m.forEach((on, j) => on && kept.push(i * m.length + j));
    return tf.tidy(() => {
      const pick = (v: Float32Array) =>
        tf.tensor2d(
          Float32Array.from(kept, (k) => v[k]!),
          [1, kept.length],
        );
      const rho = rankCorrelation(pick(a), pick(b)).dataSync()[0]!;
      return Number.isNaN(rho) ? 0 : rho;
    });
  });
}
