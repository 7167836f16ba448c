import { makeLogisticData } from '@openbox/datasets';
import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { fitExactLogistic } from './binary-newton.js';

/** Independent reference: plain gradient descent in float64 on the mean objective until ‖∇‖ <= 1e-12. */
function gradientDescent(x: number[][], y: number[], l2: number): number[] {
  const n = y.length;
  const p = x[0]!.length + 1;
  const theta = new Array<number>(p).fill(0);
  // Step 1/L with L = ¼·Σ‖x̃ᵢ‖² + l2 >= the largest Hessian eigenvalue: monotone convergence.
  const lipschitz = 0.25 * x.reduce((s, r) => s + 1 + r.reduce((t, v) => t + v * v, 0), 0) + l2;
  for (let step = 0; step < 2_000_000; step++) {
    const g = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const row = [1, ...x[i]!];
      const eta = row.reduce((s, v, a) => s + v * theta[a]!, 0);
      const r = 1 / (1 + Math.exp(-eta)) - y[i]!;
      row.forEach((v, a) => (g[a] = g[a]! + r * v));
    }
    for (let a = 1; a < p; a++) g[a] = g[a]! + l2 * theta[a]!;
    if (Math.hypot(...g) <= 1e-12) return theta;
    for (let a = 0; a < p; a++) theta[a] = theta[a]! - g[a]! / lipschitz;
  }
  throw new Error('gradient descent did not converge');
}

const X = [
  [0.5, 1.2],
  [-1.1, 0.3],
  [0.9, -0.7],
  [1.8, 0.1],
  [-0.4, -1.5],
  [0.2, 0.8],
  [-1.6, 1.1],
  [1.1, 1.4],
  [-0.3, -0.2],
  [0.7, -1.2],
];
const Y = [1, 0, 1, 1, 0, 0, 0, 1, 1, 0];
const data = { features: X.flat(), shape: [10, 2], featureNames: ['a', 'b'], target: Y };

describe('fitExactLogistic', () => {
  // Measured over the three l2: ‖∇‖ 2.8e-16 (the polishing steps reach float64 precision, far below the 1e-8
  // stopping tolerance) and |Newton − descent| / max(1, |descent|) 7.7e-13 (descent stops at ‖∇‖ <= 1e-12);
  // bounds ≈ 10× and 6.5×.
  it.each([0, 0.5, 3])('matches plain gradient descent to 5e-12 on a tiny set (l2 = %d)', (l2) => {
    const want = gradientDescent(X, Y, l2);
    const fit = fitExactLogistic(data, { l2 });
    expect(fit.method).toBe('newton');
    expect(fit.converged).toBe(true);
    expect(fit.gradientNorm).toBeLessThanOrEqual(3e-15);
    expectArraysClose([fit.intercept, ...fit.coefficients], want, 5e-12, `l2 = ${l2}`);
  });

  // Measured over the three l2: |logLikelihood − Σ| at most 8.9e-16 (2 ulps of −4.3; the penalty ½·l2·‖w‖² left
  // out is 0, 0.49 and 0.61); bound ≈ 9×.
  it.each([0, 0.5, 3])(
    'logLikelihood = Σ y log p + (1 − y) log(1 − p) at the returned coefficients, penalty excluded (l2 = %d)',
    (l2) => {
      const fit = fitExactLogistic(data, { l2 });
      let want = 0;
      X.forEach((row, i) => {
        const eta = row.reduce((s, v, j) => s + v * fit.coefficients[j]!, fit.intercept);
        const p = 1 / (1 + Math.exp(-eta));
        want += Y[i] === 1 ? Math.log(p) : Math.log(1 - p);
      });
      expect(Math.abs(fit.logLikelihood - want)).toBeLessThanOrEqual(8e-15);
    },
  );

  it('single binary feature: intercept = logit of the x = 0 rate, slope = log odds ratio (closed form)', () => {
    // x = 0: 7 of 20 positive; x = 1: 24 of 30 positive.
    const x: number[] = [];
    const y: number[] = [];
    const group = (xv: number, pos: number, total: number) => {
      for (let i = 0; i < total; i++) (x.push(xv), y.push(i < pos ? 1 : 0));
    };
    group(0, 7, 20);
    group(1, 24, 30);
    const fit = fitExactLogistic({ features: x, shape: [50, 1], target: y });
    const logit = (p: number) => Math.log(p / (1 - p));
    // Measured 8.9e-16 (4 ulps of 1.9); bound ≈ 6×.
    expectArraysClose(
      [fit.intercept, fit.coefficients[0]!],
      [logit(7 / 20), logit(24 / 30) - logit(7 / 20)],
      5e-15,
      'logits',
    );
    // Its covariance gives the classical SEs √(1/a + 1/b) and √(1/a + 1/b + 1/c + 1/d): measured 1.1e-16 (1 ulp).
    expectArraysClose(
      [Math.sqrt(fit.covariance[0]!), Math.sqrt(fit.covariance[3]!)],
      [Math.sqrt(1 / 7 + 1 / 13), Math.sqrt(1 / 7 + 1 / 13 + 1 / 24 + 1 / 6)],
      1e-15,
      'SEs',
    );
  });

  it('recovers known weights on 20,000 synthetic rows within 4 standard errors', () => {
    const weights = [1.5, -2, 0.5, 0];
    const ds = makeLogisticData({ n: 20_000, weights, intercept: -0.7, seed: 11 });
    const fit = fitExactLogistic(ds);
    expect(fit.converged).toBe(true);
    const p = weights.length + 1;
    const se = (a: number) => Math.sqrt(fit.covariance[a * p + a]!);
    expect(Math.abs(fit.intercept + 0.7)).toBeLessThan(4 * se(0));
    weights.forEach((w, j) => expect(Math.abs(fit.coefficients[j]! - w)).toBeLessThan(4 * se(1 + j)));
  });

  it('reports non-convergence with the reached norm when stopped early', () => {
    const fit = fitExactLogistic(data, { maxIterations: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.gradientNorm).toBeGreaterThan(1e-8);
    expect(fit.iterations).toBe(1);
  });

  it.each([
    [{ l2: -1 }, "fitExactLogistic: option 'l2' is -1; it must be a finite number >= 0."],
    [{ l2: Infinity }, "fitExactLogistic: option 'l2' is Infinity; it must be a finite number >= 0."],
    [{ l2: NaN }, "fitExactLogistic: option 'l2' is NaN; it must be a finite number >= 0."],
    [{ gradientTolerance: 0 }, "fitExactLogistic: option 'gradientTolerance' is 0; it must be > 0."],
    [{ gradientTolerance: -1e-8 }, "fitExactLogistic: option 'gradientTolerance' is -1e-8; it must be > 0."],
    [{ gradientTolerance: NaN }, "fitExactLogistic: option 'gradientTolerance' is NaN; it must be > 0."],
  ])('rejects the bad option %o', (options, message) => {
    expect(() => fitExactLogistic(data, options)).toThrow(new Error(message));
  });

  it('rejects features that do not fill the shape', () => {
    expect(() => fitExactLogistic({ ...data, shape: [3, 2] })).toThrow(
      "fitExactLogistic: argument 'features' has 20 values but shape [3, 2] needs 6; pass shape [n, d] with n·d values.",
    );
  });
});
