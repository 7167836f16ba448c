import { describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import {
  cars,
  centralDifferenceHessian,
  gaussJordanInverse,
  oneVsRest,
  penalizedGradient,
  penguins,
} from '../test-helpers.js';
import { standardizeColumns } from '../data/standardize.js';
import { fitExactLogistic } from '../exact/binary-newton.js';
import { Z_975 } from '../stats/normal.js';
import { logisticInference, type CoefficientRow } from './wald.js';

describe('logisticInference', () => {
  it('2×2 table: SEs √(1/a+1/b) and √(Σ 1/cell), odds ratio = (a/b)/(c/d), p from z, deviance and AIC', () => {
    // x = 0: 7 positive, 13 negative; x = 1: 24 positive, 6 negative.
    const x: number[] = [];
    const y: number[] = [];
    for (const [xv, pos, neg] of [
      [0, 7, 13],
      [1, 24, 6],
    ] as const)
      for (let i = 0; i < pos + neg; i++) (x.push(xv), y.push(i < pos ? 1 : 0));
    const inf = logisticInference(
      fitExactLogistic({ features: x, shape: [50, 1], featureNames: ['treated'], target: y }),
    );
    const [b0, b1] = inf.coefficients as [(typeof inf.coefficients)[0], (typeof inf.coefficients)[0]];
    expect(b0.name).toBe('intercept');
    expect(b1.name).toBe('treated');
    const or = 24 / 6 / (7 / 13);
    const se = Math.sqrt(1 / 7 + 1 / 13 + 1 / 24 + 1 / 6);
    // Measured: odds ratio 4.4e-16 relative, SEs 1.1e-16 and 0, z 0 (z ≈ 3.07); bounds ≈ 10× or ≈ 10 ulps.
    expect(Math.abs(b1.oddsRatio / or - 1)).toBeLessThan(4e-15);
    expect(Math.abs(b1.standardError - se)).toBeLessThan(1e-15);
    expect(Math.abs(b0.standardError - Math.sqrt(1 / 7 + 1 / 13))).toBeLessThan(1e-15);
    expect(Math.abs(b1.z - Math.log(or) / se)).toBeLessThan(4e-15);
    // p = 2∫_z^∞ φ(t) dt, integrated here by Simpson's rule (independent of erfc).
    const phi = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
    const steps = 20_000;
    const h = (12 - b1.z) / steps;
    let simpson = phi(b1.z) + phi(12);
    for (let i = 1; i < steps; i++) simpson += (i % 2 ? 4 : 2) * phi(b1.z + i * h);
    // Measured: p (≈ 2.2e-3) 1.7e-18, CI bound 2.2e-16, odds-ratio CI bound (≈ 26.8) 1.1e-14; bounds ≈ 6–10×.
    expect(Math.abs(b1.pValue - (2 * simpson * h) / 3)).toBeLessThan(1e-17);
    expect(Math.abs(b1.ci95[0] - (Math.log(or) - Z_975 * se))).toBeLessThan(2e-15);
    expect(Math.abs(b1.oddsRatioCi95[1] - Math.exp(Math.log(or) + Z_975 * se))).toBeLessThan(1e-13);
    // Log-likelihood of the saturated 2-group model: Σ counts·log(rates).
    // Measured (ll ≈ −28, deviances ≈ 56 and 66): 3.2e-14, 6.4e-14, 6.4e-14, 0; bounds ≈ 8× the largest.
    const ll = 7 * Math.log(7 / 20) + 13 * Math.log(13 / 20) + 24 * Math.log(24 / 30) + 6 * Math.log(6 / 30);
    expect(Math.abs(inf.logLikelihood - ll)).toBeLessThan(5e-13);
    expect(Math.abs(inf.deviance + 2 * ll)).toBeLessThan(5e-13);
    expect(Math.abs(inf.aic - (4 - 2 * ll))).toBeLessThan(5e-13);
    expect(Math.abs(inf.nullDeviance + 2 * (31 * Math.log(31 / 50) + 19 * Math.log(19 / 50)))).toBeLessThan(
      5e-13,
    );
    expect(inf.penalized).toBe(false);
  });

  it('original-scale table of a standardized fit equals the fit on raw features (estimates and SEs)', () => {
    const raw = { ...cars(), target: Array.from(cars().target, (c) => (c === 2 ? 1 : 0)) };
    const rawFit = logisticInference(fitExactLogistic(raw));
    const { features, standardization } = standardizeColumns(raw.features, raw.shape);
    const stdInf = logisticInference(fitExactLogistic({ ...raw, features }), standardization);
    const original = stdInf.originalScale!;
    expect(original).toHaveLength(7); // intercept + 6 features
    expect(original.map((r) => r.name)).toEqual(rawFit.coefficients.map((r) => r.name));
    // Two Newton fits (raw columns up to ~5,000) agree to the last digits. Measured |Δ| / max(1, |raw|): estimates
    // 4.9e-15, SE ratios 2.0e-13, p-values 4.8e-14, slopes' z (scale-free) 1.1e-16; log-likelihood 7.1e-14;
    // bounds ≈ 10×.
    const rows = (table: readonly CoefficientRow[], key: 'estimate' | 'pValue') => table.map((r) => r[key]);
    expectArraysClose(rows(original, 'estimate'), rows(rawFit.coefficients, 'estimate'), 5e-14, 'estimates');
    expectArraysClose(
      original.map((r, a) => r.standardError / rawFit.coefficients[a]!.standardError),
      new Array<number>(7).fill(1),
      2e-12,
      'SE ratios',
    );
    expectArraysClose(rows(original, 'pValue'), rows(rawFit.coefficients, 'pValue'), 5e-13, 'p-values');
    expectArraysClose(
      stdInf.coefficients.slice(1).map((r) => r.z),
      original.slice(1).map((r) => r.z),
      1e-15,
      'slopes z',
    );
    expect(Math.abs(stdInf.logLikelihood - rawFit.logLikelihood)).toBeLessThan(7e-13);
  });

  // Penguins Gentoo vs rest is separable: without the penalty there is no fit, so its SEs come from l2 alone.
  // SE = √diag(H⁻¹) with H the Hessian of Σ log-loss + (l2/2)‖w‖² (intercept unpenalized) by central differences
  // (h = 1e-4) of the gradient written out in the test, inverted by Gauss–Jordan: nothing of the package's.
  // Measured |package − FD| / max(1, |FD|): SEs 1.2e-9 (l2 = 0.1) and 1.3e-10 (l2 = 10), the whole covariance
  // 2.4e-9 and 6.7e-11 (FD truncation, ∝ h²); tolerances ≈ 10× those. The same fit's covariance built with l2 = 0
  // moves the SEs by 55% (l2 = 0.1) and 150% (l2 = 10).
  it.each([
    [0.1, 1e-8, 2e-8],
    [10, 1e-9, 5e-10],
  ])(
    'with l2 = %d the SEs are √diag of the inverse finite-difference Hessian of the penalized objective',
    (l2, seTolerance, covarianceTolerance) => {
      const data = oneVsRest(penguins(), 'Gentoo');
      const fit = fitExactLogistic(data, { l2 });
      const theta = Float64Array.of(fit.intercept, ...fit.coefficients);
      const p = theta.length;
      // θ̂ is stationary for the reference gradient too (measured max |∇| 3.6e-15).
      expectArraysClose(penalizedGradient(data, theta, l2), new Float64Array(p), 3e-14, 'reference ∇ at θ̂');
      const hessian = centralDifferenceHessian((t) => penalizedGradient(data, t, l2), theta, 1e-4);
      const covariance = gaussJordanInverse(hessian, p);
      const inf = logisticInference(fit);
      expect(inf.penalized).toBe(true);
      expect(inf.coefficients).toHaveLength(p);
      const fdSe = Array.from({ length: p }, (_, a) => Math.sqrt(covariance[a * p + a]!));
      expectArraysClose(
        inf.coefficients.map((r) => r.standardError),
        fdSe,
        seTolerance,
        `SEs at l2 = ${l2}`,
      );
      expectArraysClose(fit.covariance, covariance, covarianceTolerance, `covariance at l2 = ${l2}`);
    },
  );
});
