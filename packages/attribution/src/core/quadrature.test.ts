import { describe, expect, it } from 'vitest';
import { QUADRATURE_RULES, quadrature } from './quadrature.js';

const integrate = (rule: (typeof QUADRATURE_RULES)[number], steps: number, g: (a: number) => number) => {
  const { alphas, weights } = quadrature(rule, steps);
  return alphas.reduce((s, a, i) => s + weights[i]! * g(a), 0);
};

describe('quadrature', () => {
  it.each(QUADRATURE_RULES)('%s: weights sum to 1 and nodes lie in [0, 1], ascending', (rule) => {
    const { alphas, weights } = quadrature(rule, 17);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect([...alphas].every((a, i) => a >= 0 && a <= 1 && (i === 0 || a > alphas[i - 1]!))).toBe(true);
  });

  it('Gauss–Legendre with n nodes integrates x^(2n−1) exactly and matches the tabulated 3-point rule', () => {
    for (const n of [1, 2, 5, 50])
      expect(integrate('gauss-legendre', n, (a) => a ** (2 * n - 1))).toBeCloseTo(1 / (2 * n), 12);
    const { alphas, weights } = quadrature('gauss-legendre', 3);
    // On [−1, 1]: nodes 0, ±√(3/5), weights 8/9, 5/9 — mapped to [0, 1].
    const r = Math.sqrt(3 / 5);
    expect(alphas[2]).toBeCloseTo((1 + r) / 2, 14);
    expect(alphas[0]).toBeCloseTo((1 - r) / 2, 14);
    expect(alphas[1]).toBeCloseTo(0.5, 14);
    expect(weights[0]).toBeCloseTo(5 / 18, 14);
    expect(weights[1]).toBeCloseTo(8 / 18, 14);
  });

  it('Riemann rules place their nodes as Captum does, and errors shrink as 1/n (left, right) or 1/n² (middle, trapezoid)', () => {
    expect([...quadrature('riemann-left', 4).alphas]).toEqual([0, 0.25, 0.5, 0.75]);
    expect([...quadrature('riemann-right', 4).alphas]).toEqual([0.25, 0.5, 0.75, 1]);
    expect([...quadrature('riemann-middle', 4).alphas]).toEqual([0.125, 0.375, 0.625, 0.875]);
    expect([...quadrature('riemann-trapezoid', 5).weights]).toEqual([0.125, 0.25, 0.25, 0.25, 0.125]);
    const err = (rule: (typeof QUADRATURE_RULES)[number], n: number) =>
      Math.abs(integrate(rule, n, Math.exp) - (Math.E - 1));
    expect(err('riemann-left', 10) / err('riemann-left', 20)).toBeCloseTo(2, 0);
    expect(err('riemann-middle', 10) / err('riemann-middle', 20)).toBeCloseTo(4, 0);
    expect(err('riemann-trapezoid', 11) / err('riemann-trapezoid', 21)).toBeCloseTo(4, 0);
    expect(err('gauss-legendre', 5)).toBeLessThan(1e-10);
  });

  it.each([
    [0, 'quadrature: options.steps must be an integer from 1 to 10000; got 0.'],
    [2.5, 'quadrature: options.steps must be an integer from 1 to 10000; got 2.5.'],
    [Number.NaN, 'quadrature: options.steps must be an integer from 1 to 10000; got NaN.'],
    [1e9, 'quadrature: options.steps must be an integer from 1 to 10000; got 1000000000.'],
  ])('rejects steps %s', (steps, message) => {
    expect(() => quadrature('gauss-legendre', steps)).toThrow(message);
  });

  it('rejects a one-point trapezoid and an unknown rule', () => {
    expect(() => quadrature('riemann-trapezoid', 1)).toThrow(
      'quadrature: options.steps must be an integer from 2 to 10000; got 1.',
    );
    expect(() => quadrature('simpson' as never, 4)).toThrow(
      "quadrature: options.rule must be one of 'gauss-legendre', 'riemann-left', 'riemann-right', 'riemann-middle', 'riemann-trapezoid'; got \"simpson\".",
    );
  });
});
