import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { fitExactLogistic } from '@openbox/logistic';
import { makeLogisticData } from '@openbox/datasets';
import { explainedOutput, type ExplainedFunction } from '../core/explained-output.js';
import { fromLogistic } from '../core/from-logistic.js';
import { columnMeans, type Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { jsFunction, randomMatrix, setupBackend } from '../test-models.js';
import { linearShap } from './linear-shap.js';

beforeAll(setupBackend);

/** Interventional Shapley values by enumeration: v(S) = mean_b f(x_S, b_¬S), φ_j = Σ_S w(|S|) (v(S ∪ j) − v(S)). */
function bruteForceShapley(f: ExplainedFunction, x: Float64Array, background: Matrix): Float64Array {
  const d = f.features;
  const v = new Float64Array(1 << d);
  for (let mask = 0; mask < 1 << d; mask++) {
    const rows = background.data.slice();
    for (let r = 0; r < background.rows; r++)
      for (let j = 0; j < d; j++) if (mask & (1 << j)) rows[r * d + j] = x[j]!;
    v[mask] =
      f.evaluate({ data: rows, rows: background.rows, cols: d }).reduce((s, y) => s + y, 0) / background.rows;
  }
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  const phi = new Float64Array(d);
  for (let j = 0; j < d; j++)
    for (let mask = 0; mask < 1 << d; mask++) {
      if (mask & (1 << j)) continue;
      let size = 0;
      for (let k = 0; k < d; k++) if (mask & (1 << k)) size++;
      const weight = (factorial(size) * factorial(d - size - 1)) / factorial(d);
      phi[j]! += weight * (v[mask | (1 << j)]! - v[mask]!);
    }
  return phi;
}

const weights = Float64Array.of(1.5, -2, 0, 0.25, 3);
const intercept = -0.7;
const affineF: ExplainedFunction = {
  ...jsFunction(5, (row) => intercept + row.reduce((s, v, j) => s + weights[j]! * v, 0), 'affine'),
  affine: { weights, intercept },
};

describe('linearShap', () => {
  it('is w ⊙ (x − E_bg x) with base f(E_bg x), and equals brute-force exact Shapley (1e-9: float64 rounding)', () => {
    const x = randomMatrix(3, 5, 1, -2, 2);
    const background = randomMatrix(12, 5, 2);
    const e = linearShap.explain(affineF, x, { background });
    const mean = columnMeans(background);
    expect(e.baseValue).toBeCloseTo(affineF.evaluate({ data: mean, rows: 1, cols: 5 })[0]!, 12);
    for (let r = 0; r < 3; r++) {
      const row = x.data.subarray(r * 5, (r + 1) * 5);
      const values = e.values.subarray(r * 5, (r + 1) * 5);
      expectArraysClose(
        values,
        Array.from(row, (v, j) => weights[j]! * (v - mean[j]!)),
        1e-12,
      );
      expectArraysClose(values, bruteForceShapley(affineF, row, background), 1e-9);
      expect(Math.abs(values[2]!)).toBe(0); // dummy: a zero weight gets exactly 0
    }
    expectArraysClose(e.delta!, [0, 0, 0], 1e-12);
    expect([e.method, e.label, e.rows, e.features]).toEqual(['linear', 'affine', 3, 5]);
  });

  it('on a real logistic fit equals brute-force exact Shapley in logit space (1e-6: the acceptance line)', () => {
    const data = makeLogisticData({ n: 400, weights: [1.2, -0.8, 0.5, 0], intercept: 0.4, seed: 3 });
    const fit = fitExactLogistic(data);
    const f = explainedOutput(fromLogistic(fit), { output: 'logit' });
    const all: Matrix = { data: Float64Array.from(data.features), rows: 400, cols: 4 };
    const background: Matrix = { data: all.data.slice(0, 40 * 4), rows: 40, cols: 4 };
    const x: Matrix = { data: all.data.slice(100 * 4, 104 * 4), rows: 4, cols: 4 };
    const e = linearShap.explain(f, x, { background });
    for (let r = 0; r < 4; r++)
      expectArraysClose(
        e.values.subarray(r * 4, (r + 1) * 4),
        bruteForceShapley(f, x.data.subarray(r * 4, (r + 1) * 4), background),
        1e-6,
      );
    // Efficiency against f itself: Σφ = f(x) − E_bg f.
    const meanF = f.evaluate(background).reduce((s, v) => s + v, 0) / 40;
    expect(e.baseValue).toBeCloseTo(meanF, 12);
    expectArraysClose(e.predictions, f.evaluate(x), 0);
  });

  const background = randomMatrix(4, 5, 3);
  it.each([
    [
      'no affine form',
      { ...affineF, affine: undefined },
      [[0, 0, 0, 0, 0]],
      background,
      MESSAGES.notLinear('linearShap', 'affine'),
    ],
    [
      'x of the wrong width',
      affineF,
      [[0, 0]],
      background,
      MESSAGES.matrixShape('linearShap', 'x', 'row 0 with 2', 5),
    ],
    ['NaN in x', affineF, [[0, NaN, 0, 0, 0]], background, MESSAGES.nonFinite('linearShap', 'x', 0, 1)],
    [
      'an empty background',
      affineF,
      [[0, 0, 0, 0, 0]],
      { data: new Float64Array(0), rows: 0, cols: 5 },
      MESSAGES.emptyMatrix('linearShap', 'options.background'),
    ],
    [
      'no background',
      affineF,
      [[0, 0, 0, 0, 0]],
      undefined,
      MESSAGES.matrixShape('linearShap', 'options.background', 'neither rows nor a Matrix', 5),
    ],
  ] as const)('refuses %s', (_, f, x, bg, message) => {
    expect(() => linearShap.explain(f as ExplainedFunction, x as never, { background: bg as never })).toThrow(
      message,
    );
  });

  it('refuses a logistic fit explained in probability space (not affine there)', () => {
    const before = tf.memory().numTensors;
    const data = makeLogisticData({ n: 100, weights: [1, -1], intercept: 0, seed: 1 });
    const f = explainedOutput(fromLogistic(fitExactLogistic(data)));
    expect(() => linearShap.explain(f, [[0, 0]] as never, { background: [[0, 0]] as never })).toThrow(
      MESSAGES.notLinear('linearShap', f.label),
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
