import { makeLogisticData } from '@openbox/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cars, nearCollinearPair, setupBackend, standardized } from './test-helpers.js';
import { binaryAgreement, multinomialAgreement } from './agreement/agreement.js';
import { analyzeLogistic } from './analyze.js';
import { toDesign } from './data/design.js';
import { fitExactMultinomial } from './exact/multinomial.js';
import { fitExactOneVsAll } from './exact/one-vs-all.js';
import { mlDefaultSteps } from './ml/ml-budget.js';
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
    expect(a.inference!.originalScale).toHaveLength(7);
    expect(a.exact.converged && a.net.converged).toBe(true);
    expect(a.agreement.verdict).toBe('agree');
    expect(a.agreement.net.maxAbs).toBeLessThanOrEqual(1e-4);
    expect(a.agreement.net.predictionAgreement).toBe(1);
    expect(a.mlReference).toBe('exact');
    expect(a.agreement.ml!.maxAbs).toBeGreaterThan(a.agreement.net.maxAbs); // 2,000 fixed steps are not enough
    expect(a.agreement.summary).toContain('net agrees with the exact fit');
    expect(a.diagnostics.warnings).toEqual([]);
    expect(a.diagnostics.conditionNumber).toBeGreaterThan(10); // cars' engine columns are correlated …
    expect(a.diagnostics.conditionNumber).toBeLessThan(1e8); // … but far from collinear
  });

  it('with l2 > 0 the net matches the penalized fit and ml is compared with the l2 = 0 fit', () => {
    const a = analyzeLogistic(japan(), { standardize: true, l2: 5, ml: { numSteps: 200 } });
    expect(a.agreement.verdict).toBe('agree');
    expect(a.mlReference).toBe('exact with l2 = 0');
    expect(a.inference!.penalized).toBe(true);
  });
});

describe('analyzeLogistic: numerical guards and warnings', () => {
  const base = makeLogisticData({ n: 300, weights: [1, -0.5], intercept: 0.2, seed: 4 });
  /** `base` with column x2 multiplied by `factor`, as float64 (what a library user may pass). */
  const scaledX2 = (factor: number) => ({
    ...base,
    features: Float64Array.from(base.features, (v, k) => (k % 2 === 1 ? v * factor : v)),
  });
  const codes = (a: { diagnostics: { warnings: readonly { code: string }[] } }) =>
    a.diagnostics.warnings.map((w) => w.code);

  it('a 1e30-scaled column: the exact fit does not converge, so inference is null and the warnings say why', () => {
    const a = analyzeLogistic(scaledX2(1e30), { ml: false });
    expect(a.exact.converged).toBe(false);
    expect(a.inference).toBeNull();
    expect(codes(a)).toEqual(['not-converged', 'scales-differ', 'net-not-converged']);
    const [notConverged, scales] = a.diagnostics.warnings;
    expect(notConverged!.message).toContain(
      'no standard errors, p-values or intervals are reported (inference: null)',
    );
    expect(notConverged!.message).toContain('standardize: true / --standardize');
    expect(scales!.message).toContain('feature scales differ by 1.');
    expect(a.diagnostics.scaleRatio).toBeGreaterThan(1e29);
  });

  it('… standardized, the same data converges, and its original-scale x2 coefficient is the unscaled one / 1e30', () => {
    const a = analyzeLogistic(scaledX2(1e30), { ml: false, standardize: true });
    const plain = analyzeLogistic(base, { ml: false, standardize: true });
    expect(codes(a)).toEqual([]);
    const x2 = a.inference!.originalScale![2]!;
    const x2Plain = plain.inference!.originalScale![2]!;
    // Standardizing removes the 1e30 exactly (a power-of-ten scale, same fit): measured 0 and 4.2e-15 relative.
    expect(Math.abs((x2.estimate * 1e30) / x2Plain.estimate - 1)).toBeLessThan(1e-15);
    expect(Math.abs(x2.pValue / x2Plain.pValue - 1)).toBeLessThan(4e-14);
  });

  it('near-collinear x2 = x1 + 1e-6·v: collinear warning naming both, κ within 1e-6 of the closed form 4e12', () => {
    const { features, kappa } = nearCollinearPair(300, 1e-6);
    const a = analyzeLogistic({ ...base, features }, { ml: false });
    // x2 = u + ε·v is rounded to ε_mach·|u|, so κ is good to ~ε_mach/ε = 2.2e-10 relative: measured 1.7e-11.
    expect(Math.abs(a.diagnostics.conditionNumber / kappa - 1)).toBeLessThan(2.2e-10);
    // The fixture's closed form against its series κ = 4/ε² + 2 + O(ε²): measured 2.2e-16 (1 ulp); bound ≈ 5×.
    expect(Math.abs(kappa / (4e12 + 2) - 1)).toBeLessThan(1e-15);
    expect(a.diagnostics.collinearColumns).toEqual(['x1', 'x2']);
    const w = a.diagnostics.warnings.find((x) => x.code === 'collinear')!;
    expect(w.message).toContain("feature columns 'x1', 'x2' are nearly collinear");
    expect(w.message).toContain('4.00e12');
  });

  it('columns with stds ~1 and ~1e7: scales-differ with the standardize hint; standardized: none', () => {
    const a = analyzeLogistic(scaledX2(1e7), { ml: false });
    expect(codes(a)).toEqual(['scales-differ', 'net-not-converged']);
    expect(a.diagnostics.warnings[1]!.message).toContain('standardize: true / --standardize');
    expect(a.diagnostics.scaleRatio).toBeGreaterThan(5e6);
    expect(a.diagnostics.scaleRatio).toBeLessThan(2e7);
    const s = analyzeLogistic(scaledX2(1e7), { ml: false, standardize: true });
    expect(codes(s)).toEqual([]);
    expect(s.diagnostics.scaleRatio).toBe(a.diagnostics.scaleRatio); // of the features as given
  });

  it('20,000 × 4 with ml defaults: ml runs the budgeted steps (< 50,000) and says so', () => {
    const big = makeLogisticData({ n: 20_000, weights: [0.5, -1, 0.25, 1], intercept: 0, seed: 9 });
    const a = analyzeLogistic(big, { standardize: true });
    expect(a.ml!.numSteps).toBe(mlDefaultSteps(20_000, 4, 2));
    expect(a.ml!.numSteps).toBe(22);
    expect(codes(a)).toEqual(['ml-budget']);
    expect(a.diagnostics.warnings[0]!.message).toContain('ran 22 of its own default 50,000 steps');
    const asked = analyzeLogistic(big, { standardize: true, ml: { numSteps: 30 } });
    expect(asked.ml!.numSteps).toBe(30);
    expect(codes(asked)).toEqual([]);
  });

  it.each([
    [
      'a float64 value float32 cannot hold',
      () =>
        analyzeLogistic({
          ...base,
          features: Float64Array.from(base.features, (v, k) => (k === 5 ? 1e-40 : v)),
        }),
      "analyzeLogistic: argument 'features' has 1.00e-40 at row 2, column 'x2', nonzero but below float32's smallest normal",
    ],
    [
      'NaN',
      () =>
        analyzeLogistic({
          ...base,
          features: Float64Array.from(base.features, (v, k) => (k === 3 ? NaN : v)),
        }),
      "analyzeLogistic: argument 'features' has a NaN or infinite value at row 1, column 'x2'",
    ],
    [
      'too many ml steps',
      () => analyzeLogistic(base, { ml: { numSteps: 1_000_001 } }),
      "analyzeLogistic: option 'numSteps' is 1000001; it must be an integer 0 … 1,000,000.",
    ],
  ])('%s: refused before any fit, naming analyzeLogistic, no tensor left', (_, call, message) => {
    const before = tf.memory().numTensors;
    expect(call).toThrow(message); // named analyzeLogistic: its own checks, before fitExactLogistic/fitNetLogistic
    expect(tf.memory().numTensors).toBe(before);
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
    expect(r.net.maxAbs).toBe(0.001); // |0.001 − 0|, exact
    expect(Array.from(r.net.coefficientAbs)).toEqual([0, 0, 0, 0.001, 0, 0]);
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
    // Triangle inequality for max |Δ|: |d(net, ml) − d(exact, ml)| <= d(net, exact) (measured 1.3e-6 <= 3.2e-6).
    expect(Math.abs(report.oneVsAllNetVsMl.maxAbs - report.oneVsAllMl.maxAbs)).toBeLessThanOrEqual(
      report.oneVsAllNet.maxAbs,
    );
  });
});
