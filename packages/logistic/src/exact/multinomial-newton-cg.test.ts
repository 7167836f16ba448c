import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { fitExactMultinomial } from './multinomial.js';
import { POOL_MIN_WORK } from './multinomial-products.js';

/** Seeded non-negative features, `zeros` of them exactly 0 (image-like), classes from a random softmax. */
function problem(n: number, d: number, K: number, zeros: number, seed: number) {
  let s = seed;
  const u = () => ((s = (s * 1664525 + 1013904223) >>> 0) + 0.5) / 4294967296;
  const features = Float64Array.from({ length: n * d }, () => (u() < zeros ? 0 : u()));
  const w = Float64Array.from({ length: K * d }, () => 2 * u() - 1);
  const target = Int32Array.from({ length: n }, (_, i) => {
    const e = Array.from({ length: K }, (_, k) => {
      let t = 0;
      for (let j = 0; j < d; j++) t += w[k * d + j]! * features[i * d + j]!;
      return Math.exp(t);
    });
    let r = u() * e.reduce((a, b) => a + b, 0);
    for (let k = 0; k < K; k++) if ((r -= e[k]!) <= 0) return k;
    return K - 1;
  });
  return { features, shape: [n, d], target, numClasses: K };
}

describe('fitExactMultinomial by Newton-CG', () => {
  it('sparse non-negative features (centred coordinates): stationary and equal to Newton', () => {
    const data = problem(600, 40, 4, 0.7, 11);
    const cg = fitExactMultinomial(data, { l2: 0.5, method: 'newton-cg' });
    const newton = fitExactMultinomial(data, { l2: 0.5, method: 'newton' });
    expect(cg.method).toBe('newton-cg');
    expect(cg.converged).toBe(true);
    expect(cg.gradientNorm).toBeLessThanOrEqual(1e-8);
    // ‖∇‖ <= 1e-8 with λ_min >= l2 = 0.5 on the weights: within ~2e-8 of the minimum;
    // measured coefficients 1.6e-10, intercepts 1.4e-11; bound 1e-8.
    expectArraysClose(cg.coefficients, newton.coefficients, 1e-8, 'coefficients');
    expectArraysClose(cg.intercepts, newton.intercepts, 1e-8, 'intercepts');
  });

  it('is bit-identical with 1 and 2 workers (products split over threads, nothing reduced across them)', () => {
    const data = problem(4000, 100, 3, 0, 5);
    expect(4000 * 100 * 3).toBeGreaterThanOrEqual(POOL_MIN_WORK);
    const one = fitExactMultinomial(data, { l2: 1, workers: 1 });
    const two = fitExactMultinomial(data, { l2: 1, workers: 2 });
    expect(one.method).toBe('newton-cg');
    expect(Array.from(two.coefficients)).toEqual(Array.from(one.coefficients));
    expect(Array.from(two.intercepts)).toEqual(Array.from(one.intercepts));
    expect(two.iterations).toBe(one.iterations);
    expect(one.converged).toBe(true);
  });

  it('rejects a bad workers option', () => {
    expect(() => fitExactMultinomial(problem(20, 2, 2, 0, 1), { workers: 1.5 })).toThrow(
      "fitExactMultinomial: option 'workers' is 1.5; it must be an integer >= 1.",
    );
  });
});
