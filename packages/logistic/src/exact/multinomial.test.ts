import { makeLogisticData } from '@openbox/datasets';
import { describe, expect, it } from 'vitest';
import { cars, maxAbsDiff, penguins, standardized } from '../test-helpers.js';
import type { MulticlassData } from '../data/types.js';
import { fitExactLogistic } from './binary-newton.js';
import { fitExactMultinomial, type ExactMultinomialFit } from './multinomial.js';

/** Independent stationarity check: Σᵢ (pᵢₖ − [yᵢ = k]) x̃ᵢ + l2·(0, wₖ) written out directly, max |·|. */
function stationarity(data: MulticlassData, fit: ExactMultinomialFit): number {
  const [n, d] = data.shape as [number, number];
  const K = fit.numClasses;
  const g = Array.from({ length: K }, () => new Array<number>(d + 1).fill(0));
  for (let i = 0; i < n; i++) {
    const eta = Array.from({ length: K }, (_, k) => {
      let s = fit.intercepts[k]!;
      for (let j = 0; j < d; j++) s += fit.coefficients[k * d + j]! * data.features[i * d + j]!;
      return s;
    });
    const m = Math.max(...eta);
    const z = eta.reduce((s, e) => s + Math.exp(e - m), 0);
    for (let k = 0; k < K; k++) {
      const r = Math.exp(eta[k]! - m) / z - (data.target[i] === k ? 1 : 0);
      g[k]![0] = g[k]![0]! + r;
      for (let j = 0; j < d; j++) g[k]![1 + j] = g[k]![1 + j]! + r * data.features[i * d + j]!;
    }
  }
  for (let k = 0; k < K; k++)
    for (let j = 0; j < d; j++) g[k]![1 + j] = g[k]![1 + j]! + fit.l2 * fit.coefficients[k * d + j]!;
  return Math.max(...g.flat().map(Math.abs));
}

describe('fitExactMultinomial', () => {
  const binary = makeLogisticData({ n: 400, weights: [1, -0.5, 2], intercept: 0.3, seed: 5 });

  it('K = 2 equals the binary fit: w₁ − w₀ = β (l2 = 0), and = β at l2/2 when l2 > 0', () => {
    const multi = fitExactMultinomial({ ...binary, numClasses: 2 });
    const exact = fitExactLogistic(binary);
    expect(Math.abs(multi.intercepts[1]! - multi.intercepts[0]! - exact.intercept)).toBeLessThan(1e-10);
    for (let j = 0; j < 3; j++)
      expect(
        Math.abs(multi.coefficients[3 + j]! - multi.coefficients[j]! - exact.coefficients[j]!),
      ).toBeLessThan(1e-10);
    expect(Math.abs(multi.logLikelihood - exact.logLikelihood)).toBeLessThan(1e-9);
    const penalized = fitExactMultinomial({ ...binary, numClasses: 2 }, { l2: 2 });
    const half = fitExactLogistic(binary, { l2: 1 });
    for (let j = 0; j < 3; j++)
      expect(
        Math.abs(penalized.coefficients[3 + j]! - penalized.coefficients[j]! - half.coefficients[j]!),
      ).toBeLessThan(1e-10);
  });

  it.each([
    ['cars', 0],
    ['penguins', 1],
  ] as const)('%s (l2 = %d): Newton and L-BFGS agree to 1e-7, both stationary, centred', (name, l2) => {
    const data = standardized(name === 'cars' ? cars() : penguins());
    const newton = fitExactMultinomial(data, { l2 });
    const lbfgs = fitExactMultinomial(data, { l2, method: 'lbfgs' });
    expect(newton.method).toBe('newton');
    expect(newton.converged && lbfgs.converged).toBe(true);
    expect(maxAbsDiff(newton.coefficients, lbfgs.coefficients)).toBeLessThan(1e-7);
    expect(maxAbsDiff(newton.intercepts, lbfgs.intercepts)).toBeLessThan(1e-7);
    expect(stationarity(data, newton)).toBeLessThan(1e-8);
    const sum = (a: Float64Array, stride: number, offset: number) =>
      Array.from({ length: 3 }, (_, k) => a[k * stride + offset]!).reduce((s, v) => s + v, 0);
    expect(Math.abs(sum(newton.intercepts, 1, 0))).toBeLessThan(1e-12);
    for (let j = 0; j < data.shape[1]!; j++)
      expect(Math.abs(sum(newton.coefficients, data.shape[1]!, j))).toBeLessThan(1e-12);
  });
});

describe('fitExactMultinomial, large problems', () => {
  it('auto picks L-BFGS above 200 parameters (3 × 71 here) and matches forced Newton to 1e-7', () => {
    // Seeded LCG + Box–Muller so the test needs nothing else; 3 classes from a softmax of random weights.
    let s = 987654321;
    const u = () => ((s = (s * 1664525 + 1013904223) >>> 0) + 0.5) / 4294967296;
    const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    const n = 1500;
    const d = 70;
    const w = Array.from({ length: 3 * d }, () => 0.3 * normal());
    const features = new Float64Array(n * d).map(normal);
    const target = Int32Array.from({ length: n }, (_, i) => {
      const eta = [0, 1, 2].map((k) =>
        w.slice(k * d, (k + 1) * d).reduce((t, v, j) => t + v * features[i * d + j]!, 0),
      );
      const e = eta.map((v) => Math.exp(v - Math.max(...eta)));
      const r = u() * e.reduce((a, b) => a + b, 0);
      return r < e[0]! ? 0 : r < e[0]! + e[1]! ? 1 : 2;
    });
    const data = { features, shape: [n, d], target, numClasses: 3 };
    const auto = fitExactMultinomial(data, { l2: 1 });
    expect(auto.method).toBe('lbfgs');
    expect(auto.converged).toBe(true);
    expect(auto.gradientNorm).toBeLessThanOrEqual(1e-8);
    const newton = fitExactMultinomial(data, { l2: 1, method: 'newton' });
    expect(maxAbsDiff(auto.coefficients, newton.coefficients)).toBeLessThan(1e-7);
    expect(maxAbsDiff(auto.intercepts, newton.intercepts)).toBeLessThan(1e-7);
  });
});
