import { describe, expect, it } from 'vitest';
import { cars, oneVsRest } from '../test-helpers.js';
import { standardizeColumns } from '../data/standardize.js';
import { fitExactLogistic } from '../exact/binary-newton.js';
import { Z_975 } from '../stats/normal.js';
import { logisticInference } from './wald.js';

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
    expect(Math.abs(b1.oddsRatio / or - 1)).toBeLessThan(1e-12);
    expect(Math.abs(b1.standardError - se)).toBeLessThan(1e-12);
    expect(Math.abs(b0.standardError - Math.sqrt(1 / 7 + 1 / 13))).toBeLessThan(1e-12);
    expect(Math.abs(b1.z - Math.log(or) / se)).toBeLessThan(1e-11);
    // p = 2∫_z^∞ φ(t) dt, integrated here by Simpson's rule (independent of erfc).
    const phi = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
    const steps = 20_000;
    const h = (12 - b1.z) / steps;
    let simpson = phi(b1.z) + phi(12);
    for (let i = 1; i < steps; i++) simpson += (i % 2 ? 4 : 2) * phi(b1.z + i * h);
    expect(Math.abs(b1.pValue - (2 * simpson * h) / 3)).toBeLessThan(1e-12);
    expect(Math.abs(b1.ci95[0] - (Math.log(or) - Z_975 * se))).toBeLessThan(1e-11);
    expect(Math.abs(b1.oddsRatioCi95[1] - Math.exp(Math.log(or) + Z_975 * se))).toBeLessThan(1e-9);
    // Log-likelihood of the saturated 2-group model: Σ counts·log(rates).
    const ll = 7 * Math.log(7 / 20) + 13 * Math.log(13 / 20) + 24 * Math.log(24 / 30) + 6 * Math.log(6 / 30);
    expect(Math.abs(inf.logLikelihood - ll)).toBeLessThan(1e-10);
    expect(Math.abs(inf.deviance + 2 * ll)).toBeLessThan(1e-10);
    expect(Math.abs(inf.aic - (4 - 2 * ll))).toBeLessThan(1e-10);
    expect(Math.abs(inf.nullDeviance + 2 * (31 * Math.log(31 / 50) + 19 * Math.log(19 / 50)))).toBeLessThan(
      1e-10,
    );
    expect(inf.penalized).toBe(false);
  });

  it('original-scale table of a standardized fit equals the fit on raw features (estimates and SEs)', () => {
    const raw = { ...cars(), target: Array.from(cars().target, (c) => (c === 2 ? 1 : 0)) };
    const rawFit = logisticInference(fitExactLogistic(raw));
    const { features, standardization } = standardizeColumns(raw.features, raw.shape);
    const stdInf = logisticInference(fitExactLogistic({ ...raw, features }), standardization);
    expect(stdInf.originalScale).not.toBeNull();
    stdInf.originalScale!.forEach((row, a) => {
      const want = rawFit.coefficients[a]!;
      expect(row.name).toBe(want.name);
      expect(Math.abs(row.estimate - want.estimate)).toBeLessThan(
        1e-7 * Math.max(1, Math.abs(want.estimate)),
      );
      expect(Math.abs(row.standardError / want.standardError - 1)).toBeLessThan(1e-6);
      expect(Math.abs(row.pValue - want.pValue)).toBeLessThan(1e-6);
    });
    // Slopes' z-values do not depend on the scale.
    for (let a = 1; a < stdInf.coefficients.length; a++)
      expect(Math.abs(stdInf.coefficients[a]!.z - stdInf.originalScale![a]!.z)).toBeLessThan(1e-9);
    expect(Math.abs(stdInf.logLikelihood - rawFit.logLikelihood)).toBeLessThan(1e-8);
  });

  it('with l2 > 0 it says the SEs are from the penalized information', () => {
    const inf = logisticInference(fitExactLogistic(oneVsRest(cars(), 'USA'), { l2: 1 }));
    expect(inf.penalized).toBe(true);
    expect(inf.coefficients.every((r) => r.standardError > 0 && Number.isFinite(r.pValue))).toBe(true);
  });
});
