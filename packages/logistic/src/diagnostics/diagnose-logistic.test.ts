import { makeLogisticData } from '@openbox/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nearCollinearPair, setupBackend } from '../test-helpers.js';
import { toDesign } from '../data/design.js';
import { fitExactLogistic } from '../exact/binary-newton.js';
import { fitNetLogistic } from '../net/net-fit.js';
import { diagnoseLogistic, type DiagnosisInput } from './diagnose-logistic.js';
import type { LogisticWarningCode } from './warning-codes.js';

beforeAll(setupBackend);

const data = makeLogisticData({ n: 200, weights: [1, -0.5], intercept: 0.2, seed: 4 });
const base = (): DiagnosisInput => ({
  design: toDesign('test', data, false),
  standardized: false,
  exact: fitExactLogistic(data),
  net: fitNetLogistic(data, { seed: 0 }),
  ml: null,
});

/** Column 2 of `data` scaled so the stds are ~1 and ~1e7. */
const rescaled = () => {
  const x = Float64Array.from(data.features, (v, k) => (k % 2 === 1 ? v * 1e7 : v));
  return toDesign('test', { ...data, features: x }, false);
};

/** One input per warning code that must produce it, and the words its message must contain. */
const CASES: Record<LogisticWarningCode, { input: () => DiagnosisInput; says: readonly string[] }> = {
  'not-converged': {
    input: () => ({ ...base(), exact: fitExactLogistic(data, { maxIterations: 1 }) }),
    says: ['the exact fit did NOT converge', 'after 1 Newton iterations', 'inference: null', '--standardize'],
  },
  'singular-information': {
    input: () => {
      const b = base();
      return { ...b, exact: { ...b.exact, covariance: b.exact.covariance.map(() => NaN) } };
    },
    says: ['Fisher information at the exact fit is numerically singular', 'inference: null'],
  },
  collinear: {
    input: () => {
      const { features } = nearCollinearPair(200, 1e-5);
      return { ...base(), design: toDesign('test', { ...data, features, featureNames: ['u', 'w'] }, false) };
    },
    says: ["feature columns 'u', 'w' are nearly collinear", 'correlation matrix is 4.00e10 (> 1.00e8)'],
  },
  'scales-differ': {
    input: () => ({ ...base(), design: rescaled() }),
    says: ['feature scales differ by', "std of 'x2'", "of 'x1'", 'standardize: true / --standardize'],
  },
  'net-not-converged': {
    input: () => ({ ...base(), net: fitNetLogistic(data, { seed: 0, maxIterations: 1 }) }),
    says: ['the tfjs net stopped before converging', 'not the maximum-likelihood estimate', '--standardize'],
  },
  'ml-budget': {
    input: () => ({ ...base(), ml: { numSteps: 22, budgeted: true } }),
    says: [
      'ran 22 of its own default 50,000 steps',
      '≤ 4.00e7',
      '--ml-steps N / ml: { numSteps: N }',
      '1,000,000',
    ],
  },
};

describe('diagnoseLogistic', () => {
  it('a well-posed, converged problem: no warnings, κ and the scale ratio equal their closed forms', () => {
    const d = diagnoseLogistic(base());
    expect(d.warnings).toEqual([]);
    expect(d.collinearColumns).toEqual([]);
    // Two columns: the correlation matrix [[1, r], [r, 1]] has κ = (1 + |r|)/(1 − |r|); the scale ratio is the
    // ratio of the population stds. Both from the raw columns here. Measured: 6.7e-16 relative each; bounds ≈ 7.5×.
    const [n] = data.shape as [number, number];
    const column = (j: number) => Array.from({ length: n }, (_, i) => data.features[i * 2 + j]!);
    const centred = [0, 1].map((j) => {
      const c = column(j);
      const mean = c.reduce((s, v) => s + v, 0) / n;
      return c.map((v) => v - mean);
    }) as [number[], number[]];
    const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
    const [u, v] = centred;
    const r = Math.abs(dot(u, v)) / Math.sqrt(dot(u, u) * dot(v, v));
    const [su, sv] = [Math.sqrt(dot(u, u) / n), Math.sqrt(dot(v, v) / n)];
    expect(Math.abs(d.conditionNumber / ((1 + r) / (1 - r)) - 1)).toBeLessThan(5e-15);
    expect(Math.abs(d.scaleRatio / (Math.max(su, sv) / Math.min(su, sv)) - 1)).toBeLessThan(5e-15);
  });

  it.each(Object.entries(CASES))('%s: that warning (only), its message naming the numbers', (code, c) => {
    const before = tf.memory().numTensors;
    const d = diagnoseLogistic(c.input());
    expect(d.warnings.map((w) => w.code)).toEqual([code]);
    for (const fragment of c.says) expect(d.warnings[0]!.message).toContain(fragment);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('standardized fits get no scales-differ warning and no standardize hint', () => {
    const d = diagnoseLogistic({
      ...base(),
      design: rescaled(),
      standardized: true,
      exact: fitExactLogistic(data, { maxIterations: 1 }),
    });
    expect(d.warnings.map((w) => w.code)).toEqual(['not-converged']);
    expect(d.warnings[0]!.message).not.toContain('standardize');
    expect(d.scaleRatio).toBeGreaterThan(1e6); // still reported, of the features as given
  });

  it('a step count the caller chose (budgeted: false) gives no ml-budget warning', () => {
    expect(diagnoseLogistic({ ...base(), ml: { numSteps: 22, budgeted: false } }).warnings).toEqual([]);
  });
});
