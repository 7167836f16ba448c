import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import type { ExplainedFunction } from '../core/explained-output.js';
import { explainedOutput } from '../core/explained-output.js';
import { fromLayersModel } from '../core/from-layers-model.js';
import type { Matrix } from '../core/matrix.js';
import { jsFunction, randomMatrix, setupBackend, smallMlp } from '../test-models.js';
import { exactShapley } from './exact-shapley.js';
import { shapleyInteractions } from './shapley-interactions.js';

beforeAll(setupBackend);

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/**
 * The reference Φ_ij (i ≠ j) of row r, straight from the definition: every S ⊆ N∖{i,j} as an array of features,
 * weight |S|!(d−|S|−2)!/(2(d−1)!), v by a direct loop over background rows calling f one row at a time.
 */
function bruteForcePairs(f: ExplainedFunction, x: Matrix, background: Matrix, r: number): number[][] {
  const d = x.cols;
  const v = (set: readonly number[]): number => {
    let sum = 0;
    for (let b = 0; b < background.rows; b++) {
      const row = Float64Array.from({ length: d }, (_, j) =>
        set.includes(j) ? x.data[r * d + j]! : background.data[b * d + j]!,
      );
      sum += f.evaluate({ data: row, rows: 1, cols: d })[0]!;
    }
    return sum / background.rows;
  };
  const phi = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      if (i === j) continue;
      const rest = [...Array(d).keys()].filter((k) => k !== i && k !== j);
      for (let bits = 0; bits < 2 ** rest.length; bits++) {
        const s = rest.filter((_, k) => (bits >> k) & 1);
        const weight = (factorial(s.length) * factorial(d - s.length - 2)) / (2 * factorial(d - 1));
        phi[i]![j]! += weight * (v([...s, i, j]) - v([...s, i]) - v([...s, j]) + v(s));
      }
    }
  return phi;
}

const nonlinear = jsFunction(
  4,
  (z) => Math.sin(z[0]! * z[1]!) + z[2]! ** 2 * z[3]! + Math.exp(z[0]! - z[3]!),
);

/** Φ of row r as d rows. */
const matrixOf = (values: Float64Array, d: number, r: number): number[][] =>
  Array.from({ length: d }, (_, i) => Array.from(values.subarray((r * d + i) * d, (r * d + i + 1) * d)));

describe('shapleyInteractions', () => {
  it('equals the brute-force definition off the diagonal; rows sum to φ, which equals exactShapley', () => {
    const x = randomMatrix(2, 4, 61);
    const background = randomMatrix(4, 4, 62);
    const out = shapleyInteractions(nonlinear, x, { background });
    const e = exactShapley.explain(nonlinear, x, { background });
    expect(out.shapley).toEqual(e.values);
    expect(out.predictions).toEqual(e.predictions);
    expect(out.baseValue).toBe(e.baseValue);
    expect([out.rows, out.features, out.values.length]).toEqual([2, 4, 32]);
    for (let r = 0; r < 2; r++) {
      const got = matrixOf(out.values, 4, r);
      const reference = bruteForcePairs(nonlinear, x, background, r);
      // Float64 throughout; off-diagonal entries only (the diagonal is defined from φ).
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++) if (i !== j) expect(got[i]![j]!).toBeCloseTo(reference[i]![j]!, 10);
      // Each row sums to φ_i; all entries to f(x) − E f: rounding only.
      expectArraysClose(
        got.map((row) => row.reduce((a, b) => a + b, 0)),
        e.values.subarray(r * 4, r * 4 + 4),
        1e-10,
      );
      const total = got.flat().reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(out.predictions[r]! - out.baseValue, 10);
    }
  });

  it('f = x1·x2 + x3: only features 0 and 1 interact, and with a zero background Φ_01 = x1·x2 / 2', () => {
    const f = jsFunction(4, (z) => z[0]! * z[1]! + z[2]!);
    const x = randomMatrix(3, 4, 63, -2, 2);
    const background = { data: new Float64Array(8), rows: 2, cols: 4 };
    const out = shapleyInteractions(f, x, { background });
    for (let r = 0; r < 3; r++) {
      const phi = matrixOf(out.values, 4, r);
      const x1x2 = x.data[r * 4]! * x.data[r * 4 + 1]!;
      // Σ_S of the pair weights is 1/2; rounding only.
      expect(phi[0]![1]!).toBeCloseTo(x1x2 / 2, 12);
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++)
          if (i !== j && !(i + j === 1)) expect(Math.abs(phi[i]![j]!)).toBeLessThan(1e-12);
      // φ_0 = x1x2/2 is all interaction, so Φ_00 = 0; feature 2 is purely additive (Φ_22 = x3); feature 3 unused.
      expect(phi[0]![0]!).toBeCloseTo(0, 12);
      expect(phi[2]![2]!).toBeCloseTo(x.data[r * 4 + 2]!, 12);
      expect(phi[3]![3]!).toBe(0);
    }
  });

  it('an additive f has zero off-diagonal entries and φ on the diagonal', () => {
    const f = jsFunction(4, (z) => Math.sin(z[0]!) + z[1]! ** 3 + Math.exp(z[2]!) - z[3]!);
    const x = randomMatrix(2, 4, 64, -2, 2);
    const background = randomMatrix(5, 4, 65, -2, 2);
    const out = shapleyInteractions(f, x, { background });
    for (let r = 0; r < 2; r++) {
      const phi = matrixOf(out.values, 4, r);
      for (let i = 0; i < 4; i++) {
        // Second differences of an additive function: rounding only.
        for (let j = 0; j < 4; j++) if (i !== j) expect(Math.abs(phi[i]![j]!)).toBeLessThan(1e-12);
        expect(phi[i]![i]!).toBeCloseTo(out.shapley[r * 4 + i]!, 12);
      }
    }
  });

  it('is symmetric on a softmax MLP, sums to f(x) − E f, and leaves no tensor behind (error path included)', () => {
    const model = smallMlp(5, [6], 3, 66);
    const f = explainedOutput(fromLayersModel(model), { target: 2, output: 'logit' });
    const x = randomMatrix(2, 5, 67);
    const background = randomMatrix(3, 5, 68);
    const first = shapleyInteractions(f, x, { background });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) shapleyInteractions(f, x, { background, batchRows: 20 });
    expect(() => shapleyInteractions(f, randomMatrix(1, 4, 1), { background })).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    for (let r = 0; r < 2; r++) {
      const phi = matrixOf(first.values, 5, r);
      for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(phi[i]![j]).toBe(phi[j]![i]);
      // The float32 network's outputs, summed in float64.
      expect(phi.flat().reduce((a, b) => a + b, 0)).toBeCloseTo(first.predictions[r]! - first.baseValue, 10);
    }
    model.dispose();
  });

  it('d = 1: Φ_00 = φ_0 = f(x) − E f', () => {
    const f = jsFunction(1, (z) => z[0]! ** 2);
    const out = shapleyInteractions(
      f,
      { data: Float64Array.of(3), rows: 1, cols: 1 },
      {
        background: { data: Float64Array.of(1, 2), rows: 2, cols: 1 },
      },
    );
    expectArraysClose(out.values, [9 - 2.5], 1e-15);
    expectArraysClose(out.shapley, [9 - 2.5], 1e-15);
  });

  it.each([
    [
      '17 features',
      jsFunction(17, () => 0),
      randomMatrix(1, 17, 1),
      randomMatrix(1, 17, 2),
      "shapleyInteractions: exact Shapley values enumerate 2^d coalitions; 17 features is more than the limit of 16 (use 'kernel').",
    ],
    [
      'x with 3 columns',
      nonlinear,
      randomMatrix(1, 3, 1),
      randomMatrix(1, 4, 2),
      'shapleyInteractions: x must be rows of 4 features; got 3 columns.',
    ],
  ])('refuses %s with its message', (_, f, x, background, message) => {
    expect(() => shapleyInteractions(f, x, { background })).toThrow(message);
  });
});
