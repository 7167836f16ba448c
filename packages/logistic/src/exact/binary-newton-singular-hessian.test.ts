import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { fitExactLogistic } from './binary-newton.js';

// One column with mean exactly 0 (the values sum to 0 in float64), duplicated: x1 = x2 = a. With l2 = 1e-17 the
// Hessian's (x1 − x2) direction has eigenvalue l2, far below the Cholesky pivot tolerance 1e-13 (and below one ulp
// of its entries), so every Newton iteration needs the ridge retry. l2 > 0 also skips the collinearity check.
const A = [-1.5, -1, -0.5, 0, 0.25, 0.5, 1, 1.25];
const Y = [0, 1, 0, 1, 1, 0, 1, 1];
const duplicated = { features: A.flatMap((v) => [v, v]), shape: [8, 2], target: Y };
const L2 = 1e-17;

describe('fitExactLogistic, a Hessian that is not numerically positive definite', () => {
  it('the first step solves (H + r·(diag H + 1))·s = ∇ with r = 1e-12: the intercept in closed form', () => {
    // At θ = 0 every weight is ¼ and Σa = 0, so the intercept decouples: H₀₀ = n/4 = 2, ∇₀ = Σ(½ − y) = −1, and
    // b₁ = −∇₀ / (H₀₀(1 + r) + r) = 1/(2 + 3r), which differs from the plain Newton 1/2 by 1.5e-12 relative.
    const r = 1e-12;
    const fit = fitExactLogistic(duplicated, { l2: L2, maxIterations: 1 });
    // Measured 0 (the Cholesky solve of this decoupled entry is exact to the last bit); bound 1e-15, 1/1500 of the
    // ridge's effect.
    expect(Math.abs(fit.intercept / (1 / (2 + 3 * r)) - 1)).toBeLessThanOrEqual(1e-15);
    // The ridge is the same on both columns, so the step keeps c₁ = c₂ up to the rounding of a system whose
    // condition number is ≈ 1/r: measured |c₁ − c₂| / |c₁ + c₂| = 2.9e-5; bound ≈ 34×.
    const [c1, c2] = fit.coefficients;
    expect(Math.abs(c1! - c2!)).toBeLessThanOrEqual(1e-3 * Math.abs(c1! + c2!));
  });

  it('the fit still converges, to the one-column fit split evenly (c₁ = c₂ = w/2), and its covariance is NaN', () => {
    const fit = fitExactLogistic(duplicated, { l2: L2 });
    expect(fit.converged).toBe(true);
    // Minimizing over c₁ + c₂ = w with the penalty (l2/2)(c₁² + c₂²) is the one-column fit with l2/2 (= 5e-18, below
    // one ulp of its objective): measured 1.1e-16 on (b, c₁ + c₂) and |c₁ − c₂| / w = 2.2e-5 (the ridge's rounding
    // noise, which no gradient of size l2·|c₁ − c₂| corrects); bounds ≈ 9× and 46×.
    const one = fitExactLogistic({ features: A, shape: [8, 1], target: Y });
    const [c1, c2] = fit.coefficients;
    expectArraysClose(
      [fit.intercept, c1! + c2!],
      [one.intercept, one.coefficients[0]!],
      1e-15,
      '(b, c₁ + c₂)',
    );
    expect(Math.abs(c1! - c2!)).toBeLessThanOrEqual(1e-3 * Math.abs(c1! + c2!));
    // The final factorization (pivot tolerance 1e-15) fails too: no covariance, all (d + 1)² entries NaN.
    expect(Array.from(fit.covariance)).toEqual(new Array<number>(9).fill(NaN));
  });

  it('an infinite Hessian (features of 1e200, squares overflow): no step is taken, not converged, covariance NaN', () => {
    // Every ridge r = 1e-12 … 1 leaves ∞ on the diagonal, so no factor exists and the loop stops before a step.
    const fit = fitExactLogistic(
      { features: [1e200, -2e200, 3e200, -1e200], shape: [4, 1], target: [1, 0, 0, 1] },
      {
        l2: 1,
      },
    );
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(0);
    expect([fit.intercept, ...fit.coefficients]).toEqual([0, 0]);
    expect(Array.from(fit.covariance)).toEqual([NaN, NaN, NaN, NaN]);
    // At θ = 0, p = ½: ∇ = Xᵀ(p − y) = (0, ½·(−1 − 2 + 3 + 1)·1e200) by hand; its squares overflow, the norm must not.
    expect(Math.abs(fit.gradientNorm - 5e199)).toBeLessThanOrEqual(1e-15 * 5e199);
  });
});
