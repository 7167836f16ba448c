import { makeLogisticData } from '@openbox/datasets';
import { expectArraysClose, maxScaledDifference } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import {
  cars,
  centralDifferenceHessian,
  gaussJordanInverse,
  oneVsRest,
  penalizedGradient,
  penguins,
  standardized,
} from '../test-helpers.js';
import type { BinaryData } from '../data/types.js';
import { fitExactLogistic } from '../exact/binary-newton.js';
import { fitExactOneVsAll } from '../exact/one-vs-all.js';
import { mlDefaultSteps } from './ml-budget.js';
import { fitMlLogisticRegression, fitMlOneVsAll } from './ml-fit.js';

/** (b, w) as one parameter vector. */
const params = (intercept: number, coefficients: ArrayLike<number>) =>
  Float64Array.of(intercept, ...Array.from(coefficients));

/**
 * First-order check of a non-converged fit θ against the exact θ*: θ − θ* ≈ H⁻¹∇ℓ(θ), with ∇ℓ the gradient of
 * the negative log-likelihood and H its Hessian at θ*, both from the test's own reference (`penalizedGradient` with
 * l2 = 0, H by central differences of it). Returns the relative residual max|actual − predicted| / max|actual|.
 */
function linearizationResidual(data: BinaryData, intercept: number, coefficients: Float64Array): number {
  const exact = fitExactLogistic(data);
  const theta = params(intercept, coefficients);
  const g = penalizedGradient(data, theta, 0);
  const p = theta.length;
  const thetaStar = params(exact.intercept, exact.coefficients);
  const inverse = gaussJordanInverse(
    centralDifferenceHessian((t) => penalizedGradient(data, t, 0), thetaStar, 1e-4),
    p,
  );
  let residual = 0;
  let size = 0;
  for (let a = 0; a < p; a++) {
    let predicted = 0;
    for (let b = 0; b < p; b++) predicted += inverse[a * p + b]! * g[b]!;
    const actual = theta[a]! - thetaStar[a]!;
    residual = Math.max(residual, Math.abs(actual - predicted));
    size = Math.max(size, Math.abs(actual));
  }
  return residual / size;
}

describe('fitMlLogisticRegression (ones column added, sign flipped)', () => {
  // Measured: ‖∇‖ 3.8e-14, |ml − exact| / max(1, |exact|) 6e-16 (float64 roundoff of two methods); bounds ≈ 8×.
  it('run to convergence (tuned step) it equals the exact fit to 5e-15: the wrapping is right', () => {
    const data = makeLogisticData({ n: 500, weights: [1, -2, 0.5], intercept: -0.5, seed: 3 });
    const exact = fitExactLogistic(data);
    const ml = fitMlLogisticRegression(data, { numSteps: 3000, learningRate: 3e-3 });
    expect(ml.gradientNorm).toBeLessThan(3e-13);
    expectArraysClose(
      params(ml.intercept, ml.coefficients),
      params(exact.intercept, exact.coefficients),
      5e-15,
      'ml vs exact',
    );
  });

  it('penguins Chinstrap at 20,000 steps of 8e-3: not converged, and its error is what its gradient predicts', () => {
    const data = oneVsRest(penguins(), 'Chinstrap');
    const ml = fitMlLogisticRegression(data, { numSteps: 20_000, learningRate: 8e-3 });
    const exact = fitExactLogistic(data);
    const got = params(ml.intercept, ml.coefficients);
    const want = params(exact.intercept, exact.coefficients);
    // Fixed-step ascent stops short: measured ‖∇‖ 3.3e-3 and |ml − exact| / max(1, |exact|) 7.2e-3 (|Δ| 0.099 on a
    // coefficient of 15). The gap is real (> 1e-3) yet bounded ≈ 5× above the measured one.
    expect(ml.gradientNorm).toBeGreaterThan(1e-4);
    expect(maxScaledDifference(got, want)).toBeGreaterThan(1e-3);
    expectArraysClose(got, want, 0.04, 'ml vs exact, not converged');
    // … and it is the first-order error its gradient predicts: measured residual 0.0104; bound ≈ 5×.
    expect(linearizationResidual(data, ml.intercept, ml.coefficients)).toBeLessThan(0.05);
  });
});

describe('fitMlOneVsAll (classifier i models P(not i): weights negated)', () => {
  // Measured |ml − exact| / max(1, |exact|): intercepts 2.9e-3, coefficients 5.1e-3 (|Δ| up to 0.043); linearization
  // residuals at most 2.9e-3; gradient norms (3.8e-4 … 1.1e-2) equal the reference ones to 1.0e-15 (roundoff of
  // sums over 392 rows). Bounds ≈ 5×, 10× for the norms.
  it('cars, 15,000 steps of 1.5e-3: close to exact one-vs-all, error first-order consistent, norms right', () => {
    // (50,000 default steps take ~10 s here; the benchmark runs the defaults.)
    const data = standardized(cars());
    const ml = fitMlOneVsAll(data, { numSteps: 15_000, learningRate: 1.5e-3 });
    const exact = fitExactOneVsAll(data);
    expect(ml.learningRate).toBe(1.5e-3);
    expectArraysClose(ml.intercepts, exact.intercepts, 0.015, 'intercepts');
    expectArraysClose(ml.coefficients, exact.coefficients, 0.025, 'coefficients');
    const d = data.shape[1]!;
    const referenceNorms = [0, 1, 2].map((k) => {
      const binary = { ...data, target: Array.from(data.target, (c) => (c === k ? 1 : 0)) };
      const coefficients = ml.coefficients.slice(k * d, (k + 1) * d);
      expect(linearizationResidual(binary, ml.intercepts[k]!, coefficients)).toBeLessThan(0.015);
      return Math.hypot(...penalizedGradient(binary, params(ml.intercepts[k]!, coefficients), 0));
    });
    expectArraysClose(ml.gradientNorms, referenceNorms, 1e-14, 'gradient norms');
  });
});

describe('the number of steps', () => {
  const data = makeLogisticData({ n: 100, weights: [1, -2], intercept: 0.5, seed: 8 });

  it('default: the work budget (100 × 2 binary → 4,651 steps); explicit: exactly as asked', () => {
    expect(fitMlLogisticRegression(data).numSteps).toBe(mlDefaultSteps(100, 2, 2));
    expect(mlDefaultSteps(100, 2, 2)).toBe(4651);
    const seven = fitMlLogisticRegression(data, { numSteps: 7 });
    expect(seven.numSteps).toBe(7);
    expect(seven.gradientNorm).toBeGreaterThan(fitMlLogisticRegression(data, { numSteps: 70 }).gradientNorm);
    const multi = { ...data, target: Array.from({ length: 100 }, (_, i) => i % 3), numClasses: 3 };
    expect(fitMlOneVsAll(multi).numSteps).toBe(mlDefaultSteps(100, 2, 3)); // 3 classifiers
  });

  it.each([
    ['fitMlLogisticRegression', () => fitMlLogisticRegression(data, { numSteps: 2_000_000 })],
    ['fitMlOneVsAll', () => fitMlOneVsAll({ ...data, numClasses: 2 }, { numSteps: 2_000_000 })],
  ])('%s: more than 1,000,000 steps is refused before training, naming the function', (fn, call) => {
    expect(call).toThrow(`${fn}: option 'numSteps' is 2000000; it must be an integer 0 … 1,000,000.`);
  });
});
