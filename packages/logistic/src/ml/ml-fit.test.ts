import { makeLogisticData } from '@openbox/datasets';
import { describe, expect, it } from 'vitest';
import { cars, maxAbsDiff, oneVsRest, penguins, standardized } from '../test-helpers.js';
import { toDesign } from '../data/design.js';
import type { BinaryData } from '../data/types.js';
import { binaryObjective, fitExactLogistic } from '../exact/binary-newton.js';
import { fitExactOneVsAll } from '../exact/one-vs-all.js';
import { mlDefaultSteps } from './ml-budget.js';
import { fitMlLogisticRegression, fitMlOneVsAll } from './ml-fit.js';

/**
 * First-order check of a non-converged fit θ against the exact θ*: θ − θ* ≈ H⁻¹∇ℓ(θ) (H = the exact fit's
 * information, ∇ℓ the gradient of the negative log-likelihood at θ). Returns the relative residual.
 */
function linearizationResidual(data: BinaryData, intercept: number, coefficients: Float64Array): number {
  const exact = fitExactLogistic(data);
  const design = toDesign('test', data, false);
  const theta = Float64Array.of(intercept, ...coefficients);
  const g = binaryObjective(design, Float64Array.from(data.target), theta, 0, false).gradient;
  const p = theta.length;
  const thetaStar = [exact.intercept, ...exact.coefficients];
  let residual = 0;
  let size = 0;
  for (let a = 0; a < p; a++) {
    let predicted = 0;
    for (let b = 0; b < p; b++) predicted += exact.covariance[a * p + b]! * g[b]!;
    const actual = theta[a]! - thetaStar[a]!;
    residual = Math.max(residual, Math.abs(actual - predicted));
    size = Math.max(size, Math.abs(actual));
  }
  return residual / size;
}

describe('fitMlLogisticRegression (ones column added, sign flipped)', () => {
  it('run to convergence (tuned step) it equals the exact fit to 1e-9: the wrapping is right', () => {
    const data = makeLogisticData({ n: 500, weights: [1, -2, 0.5], intercept: -0.5, seed: 3 });
    const exact = fitExactLogistic(data);
    const ml = fitMlLogisticRegression(data, { numSteps: 3000, learningRate: 3e-3 });
    expect(ml.gradientNorm).toBeLessThan(1e-9);
    expect(Math.abs(ml.intercept - exact.intercept)).toBeLessThan(1e-9);
    expect(maxAbsDiff(ml.coefficients, exact.coefficients)).toBeLessThan(1e-9);
  });

  it('penguins Chinstrap at 20,000 steps of 8e-3: not converged, and its error is what its gradient predicts', () => {
    const data = oneVsRest(penguins(), 'Chinstrap');
    const ml = fitMlLogisticRegression(data, { numSteps: 20_000, learningRate: 8e-3 });
    const exact = fitExactLogistic(data);
    const delta = Math.max(
      Math.abs(ml.intercept - exact.intercept),
      maxAbsDiff(ml.coefficients, exact.coefficients),
    );
    expect(ml.gradientNorm).toBeGreaterThan(1e-4); // fixed-step ascent stops short
    expect(delta).toBeGreaterThan(1e-3);
    expect(delta).toBeLessThan(1);
    expect(linearizationResidual(data, ml.intercept, ml.coefficients)).toBeLessThan(0.35);
  });
});

describe('fitMlOneVsAll (classifier i models P(not i): weights negated)', () => {
  it('cars, 15,000 steps of 1.5e-3: within 0.1 of exact one-vs-all, error first-order consistent', () => {
    // (50,000 default steps take ~10 s here; the benchmark runs the defaults.)
    const data = standardized(cars());
    const ml = fitMlOneVsAll(data, { numSteps: 15_000, learningRate: 1.5e-3 });
    const exact = fitExactOneVsAll(data);
    expect(ml.learningRate).toBe(1.5e-3);
    expect(maxAbsDiff(ml.intercepts, exact.intercepts)).toBeLessThan(0.1);
    expect(maxAbsDiff(ml.coefficients, exact.coefficients)).toBeLessThan(0.1);
    const d = data.shape[1]!;
    for (let k = 0; k < 3; k++) {
      const binary = { ...data, target: Array.from(data.target, (c) => (c === k ? 1 : 0)) };
      const residual = linearizationResidual(
        binary,
        ml.intercepts[k]!,
        ml.coefficients.slice(k * d, (k + 1) * d),
      );
      expect(residual).toBeLessThan(0.05);
      expect(ml.gradientNorms[k]).toBeGreaterThan(0);
    }
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
