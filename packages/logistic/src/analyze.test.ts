import { beforeAll, describe, expect, it } from 'vitest';
import { cars, setupBackend, standardized } from './test-helpers.js';
import { binaryAgreement, multinomialAgreement } from './agreement/agreement.js';
import { analyzeLogistic } from './analyze.js';
import { toDesign } from './data/design.js';
import { fitExactMultinomial } from './exact/multinomial.js';
import { fitExactOneVsAll } from './exact/one-vs-all.js';
import { fitMlOneVsAll } from './ml/ml-fit.js';
import { fitNetOneVsAll, fitNetSoftmax } from './net/net-fit.js';

beforeAll(setupBackend);

const japan = () => {
  const ds = cars();
  return { ...ds, target: Array.from(ds.target, (c) => (c === 2 ? 1 : 0)) };
};

describe('analyzeLogistic', () => {
  it('cars, Japan vs rest, standardized: three fits, inference on both scales, verdict agree', () => {
    const a = analyzeLogistic(japan(), { standardize: true, ml: { numSteps: 2000 } });
    expect(a.n).toBe(392);
    expect(a.standardization!.std.every((s) => s > 0)).toBe(true);
    expect(a.inference.originalScale).toHaveLength(7);
    expect(a.exact.converged && a.net.converged).toBe(true);
    expect(a.agreement.verdict).toBe('agree');
    expect(a.agreement.net.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(a.agreement.net.predictionAgreement).toBe(1);
    expect(a.mlReference).toBe('exact');
    expect(a.agreement.ml!.maxAbs).toBeGreaterThan(a.agreement.net.maxAbs); // 2,000 fixed steps are not enough
    expect(a.agreement.summary).toContain('net agrees with the exact fit');
  });

  it('with l2 > 0 the net matches the penalized fit and ml is compared with the l2 = 0 fit', () => {
    const a = analyzeLogistic(japan(), { standardize: true, l2: 5, ml: { numSteps: 200 } });
    expect(a.agreement.verdict).toBe('agree');
    expect(a.mlReference).toBe('exact with l2 = 0');
    expect(a.inference.penalized).toBe(true);
  });
});

describe('agreement reports', () => {
  it('a perturbed fit is reported as disagreeing, naming the size of the gap', () => {
    const data = { ...standardized(cars()), target: japan().target };
    const design = toDesign('test', data, false);
    const exact = { intercept: -1, coefficients: [0.5, 0, 0, 0, 0, 0] };
    const off = { intercept: -1, coefficients: [0.5, 0, 0, 0.001, 0, 0] };
    const r = binaryAgreement(design, exact, off, null);
    expect(r.verdict).toBe('disagree');
    expect(r.net.maxAbs).toBeCloseTo(0.001, 12);
    expect(r.net.coefficientAbs[3]).toBeCloseTo(0.001, 12);
    expect(r.summary).toContain('does NOT agree');
  });

  it('cars multinomial: softmax net ≈ multinomial LR and sigmoid nets ≈ exact one-vs-all (1e-4); ml one-vs-all further', () => {
    const data = standardized(cars());
    const design = toDesign('test', data, false);
    const report = multinomialAgreement(design, {
      exact: fitExactMultinomial(data),
      softmaxNet: fitNetSoftmax(data),
      exactOneVsAll: fitExactOneVsAll(data),
      netOneVsAll: fitNetOneVsAll(data),
      mlOneVsAll: fitMlOneVsAll(data, { numSteps: 3000 }),
    });
    expect(report.verdict).toBe('agree');
    expect(report.softmaxNet.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(report.oneVsAllNet.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(report.oneVsAllMl.maxAbs).toBeGreaterThan(1e-3);
    expect(Math.abs(report.oneVsAllNetVsMl.maxAbs - report.oneVsAllMl.maxAbs)).toBeLessThan(1e-3);
  });
});
