import { makeLogisticData } from '@openbox/datasets';
import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { cars, penguins, standardized } from '../test-helpers.js';
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

  /** (b₁ − b₀, w₁ − w₀) of a K = 2 fit: the binary parameterization. */
  const contrast = (fit: ExactMultinomialFit) => [
    fit.intercepts[1]! - fit.intercepts[0]!,
    ...[0, 1, 2].map((j) => fit.coefficients[3 + j]! - fit.coefficients[j]!),
  ];

  // Both fits are polished to float64 precision. Measured |Δ| / max(1, |·|): parameters 1.1e-16 (l2 = 0) and 0
  // (l2 = 2 vs 1), log-likelihood (≈ −164) 5.7e-14 absolute; bounds ≈ 10×.
  it('K = 2 equals the binary fit: w₁ − w₀ = β (l2 = 0), and = β at l2/2 when l2 > 0', () => {
    const multi = fitExactMultinomial({ ...binary, numClasses: 2 });
    const exact = fitExactLogistic(binary);
    expectArraysClose(contrast(multi), [exact.intercept, ...exact.coefficients], 1e-15, 'l2 = 0');
    expect(Math.abs(multi.logLikelihood - exact.logLikelihood)).toBeLessThan(5e-13);
    const penalized = fitExactMultinomial({ ...binary, numClasses: 2 }, { l2: 2 });
    const half = fitExactLogistic(binary, { l2: 1 });
    // (the intercepts differ: the multinomial penalty is on both w₀ and w₁, the binary fit's intercept is free)
    expectArraysClose(contrast(penalized).slice(1), half.coefficients, 1e-15, 'l2 = 2 vs 1');
  });

  it.each([
    ['cars', 0],
    ['penguins', 1],
  ] as const)('%s (l2 = %d): Newton and L-BFGS agree to 1e-8, both stationary, centred', (name, l2) => {
    const data = standardized(name === 'cars' ? cars() : penguins());
    const d = data.shape[1]!;
    const newton = fitExactMultinomial(data, { l2 });
    const lbfgs = fitExactMultinomial(data, { l2, method: 'lbfgs' });
    expect(newton.method).toBe('newton');
    expect(newton.converged && lbfgs.converged).toBe(true);
    // Measured |Newton − L-BFGS| / max(1, |Newton|) at most 1.05e-9 (L-BFGS stops at ‖∇‖ <= 1e-8), Newton's
    // stationarity 1.6e-14 and class sums 8.9e-16; bounds ≈ 10×, 6×, 6×.
    expectArraysClose(lbfgs.coefficients, newton.coefficients, 1e-8, 'coefficients');
    expectArraysClose(lbfgs.intercepts, newton.intercepts, 1e-8, 'intercepts');
    expect(stationarity(data, newton)).toBeLessThan(1e-13);
    const classSums = (a: Float64Array, stride: number, offset: number) =>
      Array.from({ length: 3 }, (_, k) => a[k * stride + offset]!).reduce((s, v) => s + v, 0);
    const sums = [
      classSums(newton.intercepts, 1, 0),
      ...Array.from({ length: d }, (_, j) => classSums(newton.coefficients, d, j)),
    ];
    expectArraysClose(sums, new Array<number>(d + 1).fill(0), 5e-15, 'Σₖ over classes');
  });
});

describe('fitExactMultinomial, large problems', () => {
  it('auto picks Newton-CG above 200 parameters (3 × 71 here); it and L-BFGS match forced Newton', () => {
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
    expect(auto.method).toBe('newton-cg');
    expect(auto.converged).toBe(true);
    expect(auto.gradientNorm).toBeLessThanOrEqual(1e-8);
    const lbfgs = fitExactMultinomial(data, { l2: 1, method: 'lbfgs' });
    expect(lbfgs.converged).toBe(true);
    const newton = fitExactMultinomial(data, { l2: 1, method: 'newton' });
    // All stop at ‖∇‖ <= 1e-8 (Newton polished further) on a Hessian with λ_min >= l2 = 1, so each is within
    // ~1e-8 of the minimum. Measured |· − Newton| / max(1, |Newton|): Newton-CG coefficients 6.8e-12 and intercepts 1.1e-11, L-BFGS coefficients
    // 3.8e-11, intercepts 5.5e-11; bounds ≈ 10×.
    for (const [name, fit] of [
      ['Newton-CG', auto],
      ['L-BFGS', lbfgs],
    ] as const) {
      expectArraysClose(fit.coefficients, newton.coefficients, 5e-10, `${name} coefficients`);
      expectArraysClose(fit.intercepts, newton.intercepts, 5e-10, `${name} intercepts`);
    }
  });
});
