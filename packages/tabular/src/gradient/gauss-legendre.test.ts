import { describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { gaussLegendre } from './gauss-legendre.js';

describe('gaussLegendre', () => {
  it('has the closed-form 2-node rule 1/2 ± 1/(2√3) with weights 1/2', () => {
    const { alphas, weights } = gaussLegendre(2);
    expectArraysClose(alphas, [0.5 - 1 / (2 * Math.sqrt(3)), 0.5 + 1 / (2 * Math.sqrt(3))], 1e-15);
    expectArraysClose(weights, [0.5, 0.5], 1e-15);
  });

  it.each([1, 2, 3, 5, 8, 50])(
    'with %i nodes integrates α^p exactly for p ≤ 2n − 1 (1e-13: rounding)',
    (n) => {
      const { alphas, weights } = gaussLegendre(n);
      for (let i = 1; i < n; i++) expect(alphas[i]!).toBeGreaterThan(alphas[i - 1]!);
      expect(alphas[0]!).toBeGreaterThan(0);
      expect(alphas[n - 1]!).toBeLessThan(1);
      for (let p = 0; p <= Math.min(2 * n - 1, 30); p++) {
        const sum = alphas.reduce((s, a, k) => s + weights[k]! * a ** p, 0);
        expect(Math.abs(sum - 1 / (p + 1))).toBeLessThan(1e-13);
      }
    },
  );

  it('is symmetric about 1/2 and not exact one degree higher', () => {
    const { alphas, weights } = gaussLegendre(3);
    expectArraysClose(alphas.map((a) => 1 - a).reverse(), alphas, 1e-15);
    expectArraysClose(Float64Array.from(weights).reverse(), weights, 1e-15);
    const sum = alphas.reduce((s, a, k) => s + weights[k]! * a ** 6, 0);
    expect(Math.abs(sum - 1 / 7)).toBeGreaterThan(1e-5);
  });
});
