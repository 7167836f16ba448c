/**
 * One table of cases run over every registered explainer (a name without a case is a type error): shape, finite,
 * efficiency where flagged, same call twice, seed dependence, no tensor left, and — the shared reference — every
 * explainer on a logistic regression in logit space equals the closed form φ_j = β_j (x_j − E_bg x_j), which is
 * the exact interventional Shapley value of an affine function and its integrated / expected gradients as well.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { fitExactLogistic } from '@openbox/logistic';
import { makeLogisticData } from '@openbox/datasets';
import { expectArraysClose } from '@openbox/testing';
import { explainedOutput, type ExplainedFunction } from './core/explained-output.js';
import { fromLogistic } from './core/from-logistic.js';
import { columnMeans, type Matrix } from './core/matrix.js';
import {
  EXPLAINER_NAMES,
  EXPLAINERS,
  applicableExplainers,
  explain,
  type ExplainerName,
} from './explainers.js';
import { setupBackend } from './test-models.js';

beforeAll(setupBackend);

interface Case {
  /** Options beyond background and seed. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Tolerance against the closed form, with its reason. */
  readonly tolerance: number;
}

const CASES: Record<ExplainerName, Case> = {
  // float64 enumeration of 2^5 coalitions: rounding only.
  exact: { options: {}, tolerance: 1e-9 },
  // 30 ≥ 2^5 − 2 samples: full enumeration with the exact kernel weights, so exact up to the WLS solve's rounding.
  kernel: { options: { samples: 30 }, tolerance: 1e-8 },
  // The closed form itself, in float64.
  linear: { options: {}, tolerance: 1e-12 },
  // float32 gradients of an affine map: constant along the path, so quadrature is exact; float32 rounding of x·β.
  'integrated-gradients': { options: { steps: 8 }, tolerance: 1e-4 },
  // Unbiased for an affine f; 4,000 draws give a standard error ~1e-2 here, so 0.08 is > 5 SE.
  'expected-gradients': { options: { samples: 4000 }, tolerance: 0.08 },
};

const ds = makeLogisticData({ n: 400, weights: [1.5, -2, 0.5, 0, 1], intercept: 0.3, seed: 11 });
const d = 5;
const all: Matrix = { data: Float64Array.from(ds.features), rows: ds.shape[0]!, cols: d };
const background: Matrix = { data: all.data.subarray(0, 60 * d), rows: 60, cols: d };
const x: Matrix = { data: all.data.slice(100 * d, 106 * d), rows: 6, cols: d };
let f: ExplainedFunction;
let closedForm: Float64Array;

beforeAll(() => {
  f = explainedOutput(fromLogistic(fitExactLogistic(ds)), { output: 'logit' });
  const means = columnMeans(background);
  closedForm = Float64Array.from(
    { length: x.rows * d },
    (_, i) => f.affine!.weights[i % d]! * (x.data[i]! - means[i % d]!),
  );
});

describe.each(EXPLAINER_NAMES.map((name) => [name] as const))('explainer %s', (name) => {
  const c = CASES[name];
  const run = (seed = 0) => explain(f, x, { method: name, background, seed, ...c.options });

  it('is registered under its own name, applies to an LR in logit space, and returns rows × features finite values', () => {
    expect(EXPLAINERS[name].name).toBe(name);
    expect(applicableExplainers(f)).toContain(name);
    const e = run();
    expect([e.method, e.rows, e.features, e.values.length, e.predictions.length]).toEqual([
      name,
      6,
      d,
      6 * d,
      6,
    ]);
    expect(e.values.every(Number.isFinite)).toBe(true);
    expect(e.label).toBe(f.label);
  });

  it('equals the closed form β ⊙ (x − E_bg x) (exact Shapley of an affine f)', () => {
    expectArraysClose(run().values, closedForm, c.tolerance);
  });

  it('is efficient where flagged: Σφ = f(x) − E_bg f per row', () => {
    const e = run();
    const gaps = Array.from({ length: e.rows }, (_, r) => {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += e.values[r * d + j]!;
      return sum - (e.predictions[r]! - e.baseValue);
    });
    if (EXPLAINERS[name].info.efficient) expectArraysClose(gaps, new Array(e.rows).fill(0), 1e-9);
    expectArraysClose(e.predictions, f.evaluate(x), 1e-5);
  });

  it('gives the same values twice, depends on the seed exactly when stochastic, and leaves no tensor', () => {
    run();
    const before = tf.memory().numTensors;
    const a = run(3);
    expect(run(3).values).toEqual(a.values);
    const other = run(4).values;
    if (EXPLAINERS[name].info.stochastic && name !== 'kernel') expect(other).not.toEqual(a.values);
    else if (!EXPLAINERS[name].info.stochastic) expect(other).toEqual(a.values);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('explain', () => {
  it('names an unknown method and lists the registered ones', () => {
    expect(() => explain(f, x, { method: 'tree' as never, background })).toThrow(
      `explain: options.method must be one of 'exact', 'kernel', 'linear', 'integrated-gradients', 'expected-gradients'; got "tree".`,
    );
  });

  it('lists only what applies: no LinearSHAP in probability space, no gradients for a pure-JS function', () => {
    const p = explainedOutput(fromLogistic(fitExactLogistic(ds)));
    expect(applicableExplainers(p)).toEqual([
      'exact',
      'kernel',
      'integrated-gradients',
      'expected-gradients',
    ]);
    const js: ExplainedFunction = { features: d, label: 'js', evaluate: (m) => new Float64Array(m.rows) };
    expect(applicableExplainers(js)).toEqual(['exact', 'kernel']);
  });
});
