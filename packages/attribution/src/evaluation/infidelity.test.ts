import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { saliency } from '../gradient/saliency.js';
import {
  linearModel,
  randomInputs,
  randomValues,
  setupBackend,
  smallCnn,
  weightColumn,
} from '../test-models.js';
import { infidelity } from './infidelity.js';

beforeAll(setupBackend);

const SHAPE = [3, 3, 2] as const;

/**
 * Infidelity on a linear logit in float64, with the very draws of `infidelity` (row k·n + i): there
 * f(x) − f(x − I) = Iᵀw exactly, so a = Iᵀ Φ and b = Iᵀ w.
 */
function linearInfidelity64(
  phi: Float32Array,
  w: Float32Array,
  n: number,
  samples: number,
  seed: number,
  normalize = false,
): number[] {
  const d = w.length;
  const noise = tf.tidy(() =>
    tf.randomNormal([samples * n, ...SHAPE], 0, 0.003, 'float32', createRng(seed).tfSeed()).dataSync(),
  );
  return Array.from({ length: n }, (_, i) => {
    const pairs = Array.from({ length: samples }, (_, k) => {
      let [a, b] = [0, 0];
      for (let j = 0; j < d; j++) {
        const v = noise[(k * n + i) * d + j]!;
        [a, b] = [a + v * phi[i * d + j]!, b + v * w[j]!];
      }
      return [a, b] as const;
    });
    let beta = 1;
    if (normalize) {
      const aa = pairs.reduce((s, [a]) => s + a * a, 0);
      beta = pairs.reduce((s, [a, b]) => s + a * b, 0) / (aa === 0 ? 1 : aa);
    }
    return pairs.reduce((s, [a, b]) => s + (beta * a - b) ** 2, 0) / samples;
  });
}

describe('infidelity', () => {
  it('is 0 for saliency on a linear logit, and (Iᵀ(Φ − w))² for a wrong map (float64 with the same draws)', () => {
    const fixture = linearModel([...SHAPE], 3, 51);
    const x = randomInputs(2, [...SHAPE], 52);
    const w = weightColumn(fixture, 2);
    const options = { targets: 2, samples: 20, seed: 7 };
    const exact = infidelity(fixture.model, x, saliency, options);
    // b = f(x) − f(x − I) in float32 cancels ≈ 1e-7 of logits of order 1; squared, ≈ 1e-14.
    for (const v of exact) expect(v).toBeLessThan(1e-11);
    const wrongValues = randomValues(36, 53);
    const wrong = tf.tensor4d(wrongValues, [2, ...SHAPE]);
    const got = infidelity(fixture.model, x, wrong, options);
    const expected = linearInfidelity64(wrongValues, w, 2, 20, 7);
    expect(Math.min(...expected)).toBeGreaterThan(1e-5);
    // Relative: the b rounding above (≈ 1e-7 absolute on a − b ≈ 1e-2) is ≈ 1e-5 of it (measured ≤ 1.2e-6).
    got.forEach((v, i) => expect(Math.abs(v - expected[i]!) / expected[i]!).toBeLessThan(1e-4));
    [x, wrong].forEach((t) => t.dispose());
  });

  it('with normalize forgives the scale (2w scores 0) and matches the float64 β form on a wrong map', () => {
    const fixture = linearModel([...SHAPE], 2, 54);
    const x = randomInputs(1, [...SHAPE], 55);
    const w = weightColumn(fixture, 0);
    const twice = tf.tensor4d(
      w.map((v) => 2 * v),
      [1, ...SHAPE],
    );
    const options = { targets: 0, samples: 8, seed: 3 };
    const raw = infidelity(fixture.model, x, twice, options)[0]!;
    const normalized = infidelity(fixture.model, x, twice, { ...options, normalize: true })[0]!;
    expect(raw).toBeCloseTo(
      linearInfidelity64(
        w.map((v) => 2 * v),
        w,
        1,
        8,
        3,
      )[0]!,
      9,
    );
    expect(raw).toBeGreaterThan(1e-6);
    expect(normalized).toBeLessThan(1e-11);
    const wrongValues = randomValues(18, 56);
    const wrong = tf.tensor4d(wrongValues, [1, ...SHAPE]);
    const got = infidelity(fixture.model, x, wrong, { ...options, normalize: true })[0]!;
    const expected = linearInfidelity64(wrongValues, w, 1, 8, 3, true)[0]!;
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-4);
    [x, twice, wrong].forEach((t) => t.dispose());
  });

  it('is the same for the same seed, differs for another, and leaks nothing (smallCnn, saliency)', () => {
    const model = smallCnn(57);
    const x = randomInputs(2, [8, 8, 1], 58);
    const before = tf.memory().numTensors;
    const run = (seed: number) =>
      Array.from(infidelity(model, x, saliency, { targets: [1, 3], seed, sigma: 0.1 }));
    const [a, b, c] = [run(1), run(1), run(2)];
    expect(tf.memory().numTensors).toBe(before);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const v of a) expect(v).toBeGreaterThan(0);
    x.dispose();
  });

  it.each([
    ['zero samples', { samples: 0 }, 'infidelity: options.samples must be a positive integer; got 0.'],
    ['a negative sigma', { sigma: -1 }, 'infidelity: options.sigma must be a finite number > 0; got -1.'],
    ['a NaN seed', { seed: Number.NaN }, 'infidelity: options.seed must be a finite number; got NaN.'],
  ])('rejects %s, leaking nothing', (_, extra, message) => {
    const model = smallCnn(59);
    const x = randomInputs(1, [8, 8, 1], 60);
    const before = tf.memory().numTensors;
    expect(() => infidelity(model, x, saliency, { targets: 0, ...extra })).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
