import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import type { ExplainedFunction } from '../core/explained-output.js';
import { explainedOutput } from '../core/explained-output.js';
import { fromLayersModel } from '../core/from-layers-model.js';
import type { Matrix } from '../core/matrix.js';
import { jsFunction, randomMatrix, setupBackend, smallMlp } from '../test-models.js';
import { coalitionValues, EXACT_MAX_FEATURES } from './coalition-values.js';
import { exactShapley, shapleyFromCoalitions } from './exact-shapley.js';

beforeAll(setupBackend);

/** Every ordering of 0..d−1. */
function permutations(d: number): number[][] {
  if (d === 0) return [[]];
  return permutations(d - 1).flatMap((p) =>
    Array.from({ length: d }, (_, i) => [...p.slice(0, i), d - 1, ...p.slice(i)]),
  );
}

/**
 * The reference: φ_j = mean over all d! orderings of v(pre ∪ {j}) − v(pre), with v(S) a direct loop over the
 * background rows calling f on one row at a time (memoized per set, no coalitionValues).
 */
function bruteForce(f: ExplainedFunction, x: Matrix, background: Matrix): number[][] {
  const d = x.cols;
  const one = (row: number[]) => f.evaluate({ data: Float64Array.from(row), rows: 1, cols: d })[0]!;
  const orders = permutations(d);
  return Array.from({ length: x.rows }, (_, r) => {
    const memo = new Map<string, number>();
    const v = (set: Set<number>): number => {
      const key = [...set].sort().join(',');
      if (!memo.has(key)) {
        let sum = 0;
        for (let b = 0; b < background.rows; b++) {
          const row = Array.from({ length: d }, (_, j) =>
            set.has(j) ? x.data[r * d + j]! : background.data[b * d + j]!,
          );
          sum += one(row);
        }
        memo.set(key, sum / background.rows);
      }
      return memo.get(key)!;
    };
    const phi = new Array<number>(d).fill(0);
    for (const order of orders) {
      const set = new Set<number>();
      for (const j of order) {
        const before = v(set);
        set.add(j);
        phi[j]! += (v(set) - before) / orders.length;
      }
    }
    return phi;
  });
}

const nonlinear = jsFunction(
  4,
  (z) => Math.sin(z[0]! * z[1]!) + z[2]! ** 2 * z[3]! + Math.exp(z[0]! - z[3]!),
);

describe('exactShapley', () => {
  it('has its name and flags', () => {
    expect(exactShapley.name).toBe('exact');
    expect(exactShapley.info).toMatchObject({
      needsGradients: false,
      needsAffine: false,
      stochastic: false,
      efficient: true,
      maxFeatures: 16,
    });
    expect(EXACT_MAX_FEATURES).toBe(16);
  });

  it('equals the average over all 24 orderings on a nonlinear JS function (d = 4)', () => {
    const x = randomMatrix(3, 4, 1);
    const background = randomMatrix(5, 4, 2);
    const e = exactShapley.explain(nonlinear, x, { background });
    // Float64 throughout: only summation order differs.
    expectArraysClose(e.values, bruteForce(nonlinear, x, background).flat(), 1e-9);
    expect(e.method).toBe('exact');
    expect(e.label).toBe('f');
    expect([e.rows, e.features]).toEqual([3, 4]);
  });

  it.each([
    ['softmax MLP, probability of class 2', 3, 2, 'probability'],
    ['sigmoid MLP, probability', 1, 1, 'probability'],
    ['sigmoid MLP, logit (pre-activation)', 1, 1, 'logit'],
  ] as const)('equals the brute force on a %s', (_, classes, target, output) => {
    const model = smallMlp(4, [6, 5], classes, 3);
    const f = explainedOutput(fromLayersModel(model), { target, output });
    const x = randomMatrix(2, 4, 4, -2, 2);
    const background = randomMatrix(4, 4, 5, -2, 2);
    const e = exactShapley.explain(f, x, { background });
    // The same float32 network in both; batched vs one-row matmuls may round differently.
    expectArraysClose(e.values, bruteForce(f, x, background).flat(), 1e-6);
    expectArraysClose(e.predictions, f.evaluate(x), 1e-6);
    model.dispose();
  });

  it('reports baseValue = mean f over the background, predictions = f(x), and efficiency in delta', () => {
    const x = randomMatrix(3, 4, 6);
    const background = randomMatrix(7, 4, 7);
    const e = exactShapley.explain(nonlinear, x, { background });
    const mean = nonlinear.evaluate(background).reduce((a, b) => a + b, 0) / 7;
    expect(e.baseValue).toBeCloseTo(mean, 14);
    expectArraysClose(e.predictions, nonlinear.evaluate(x), 1e-14);
    expectArraysClose(e.delta!, [0, 0, 0], 1e-12);
  });

  it('chunked (batchRows 7) equals unchunked, and calls f once per chunk', () => {
    let calls = 0;
    const counted: ExplainedFunction = {
      ...nonlinear,
      evaluate: (m) => {
        calls++;
        return nonlinear.evaluate(m);
      },
    };
    const x = randomMatrix(2, 4, 8);
    const background = randomMatrix(3, 4, 9);
    const whole = exactShapley.explain(counted, x, { background });
    expect(calls).toBe(1);
    calls = 0;
    const chunked = exactShapley.explain(counted, x, { background, batchRows: 7 });
    expect(calls).toBe(Math.ceil((2 * 16 * 3) / 7));
    // Same outputs added in the same order: identical numbers.
    expect(chunked.values).toEqual(whole.values);
    expect(coalitionValues(nonlinear, x, background, { batchRows: 7 })).toEqual(
      coalitionValues(nonlinear, x, background),
    );
  });

  it('lays coalition values out as rows × 2^d, bit j set = feature j from x', () => {
    const f = jsFunction(3, (z) => z[0]! + 10 * z[1]! + 100 * z[2]!);
    const x = { data: Float64Array.of(1, 2, 3), rows: 1, cols: 3 };
    const background = { data: Float64Array.of(0, 0, 0, 4, 4, 4), rows: 2, cols: 3 };
    // v(S) = Σ_{j∈S} c_j x_j + Σ_{j∉S} c_j · 2 (mean background value 2).
    const c = [1, 10, 100];
    const expected = Array.from({ length: 8 }, (_, s) =>
      c.reduce((a, cj, j) => a + cj * ((s >> j) & 1 ? x.data[j]! : 2), 0),
    );
    expectArraysClose(coalitionValues(f, x, background), expected, 1e-14);
  });

  it('d = 1: φ_0 = f(x) − mean f(background)', () => {
    const f = jsFunction(1, (z) => Math.exp(z[0]!));
    const x = { data: Float64Array.of(0.5, -1), rows: 2, cols: 1 };
    const background = { data: Float64Array.of(0, 1, 2), rows: 3, cols: 1 };
    const mean = (1 + Math.E + Math.exp(2)) / 3;
    const e = exactShapley.explain(f, x, { background });
    expectArraysClose(e.values, [Math.exp(0.5) - mean, Math.exp(-1) - mean], 1e-14);
    expectArraysClose(shapleyFromCoalitions(Float64Array.of(2, 7), 1), [5], 0);
  });

  it('a one-row background gives the single-baseline closed form: f = x0·x1 → φ_0 = (x0 − b0)(x1 + b1)/2', () => {
    const f = jsFunction(2, (z) => z[0]! * z[1]!);
    const x = { data: Float64Array.of(3, -2), rows: 1, cols: 2 };
    const background = { data: Float64Array.of(1, 5), rows: 1, cols: 2 };
    const e = exactShapley.explain(f, x, { background });
    expectArraysClose(e.values, [((3 - 1) * (-2 + 5)) / 2, ((-2 - 5) * (3 + 1)) / 2], 1e-14);
    expect(e.baseValue).toBe(5);
  });

  it('leaves no tensor behind across repeated calls on an MLP, an error path included', () => {
    const model = smallMlp(5, [4], 3, 11);
    const f = explainedOutput(fromLayersModel(model), { target: 1 });
    const x = randomMatrix(2, 5, 12);
    const background = randomMatrix(3, 5, 13);
    exactShapley.explain(f, x, { background });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) exactShapley.explain(f, x, { background, batchRows: 50 });
    expect(() => exactShapley.explain(f, x, { background: randomMatrix(3, 4, 1) })).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  const nan = randomMatrix(2, 4, 1);
  nan.data[6] = Number.NaN;
  it.each([
    [
      '17 features',
      jsFunction(17, () => 0),
      randomMatrix(1, 17, 1),
      randomMatrix(1, 17, 2),
      {},
      "exactShapley: exact Shapley values enumerate 2^d coalitions; 17 features is more than the limit of 16 (use 'kernel').",
    ],
    [
      'x with NaN',
      nonlinear,
      nan,
      randomMatrix(2, 4, 2),
      {},
      'exactShapley: x row 1, feature 2 is not a finite number (NaN or ±Infinity).',
    ],
    [
      'a background with 3 columns',
      nonlinear,
      randomMatrix(1, 4, 1),
      randomMatrix(2, 3, 2),
      {},
      'exactShapley: options.background must be rows of 4 features; got 3 columns.',
    ],
    [
      'batchRows 0',
      nonlinear,
      randomMatrix(1, 4, 1),
      randomMatrix(2, 4, 2),
      { batchRows: 0 },
      'exactShapley: options.batchRows must be a positive integer; got 0.',
    ],
  ])('refuses %s with its message', (_, f, x, background, extra, message) => {
    expect(() => exactShapley.explain(f, x, { background, ...extra })).toThrow(message);
  });

  it('coalitionValues names itself in its errors', () => {
    expect(() => coalitionValues(nonlinear, randomMatrix(1, 4, 1), randomMatrix(1, 5, 1))).toThrow(
      'coalitionValues: background must be rows of 4 features; got 5 columns.',
    );
  });
});
