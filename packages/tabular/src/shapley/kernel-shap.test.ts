import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { explainedOutput, type ExplainedFunction } from '../core/explained-output.js';
import { fromLayersModel } from '../core/from-layers-model.js';
import { columnMeans, type Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { jsFunction, randomMatrix, setupBackend, smallMlp } from '../test-models.js';
import { kernelShap, type KernelShapOptions } from './kernel-shap.js';

beforeAll(setupBackend);

/** Brute force: φ_j = Σ_{S ∌ j} |S|!(d−|S|−1)!/d! (v(S ∪ j) − v(S)), v(S) = mean_b f(x_S, b_¬S), per row. */
function bruteShapley(f: ExplainedFunction, x: Matrix, background: Matrix): Float64Array {
  const d = x.cols;
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  const out = new Float64Array(x.rows * d);
  for (let r = 0; r < x.rows; r++) {
    // Every masked row of every coalition in one evaluate call.
    const n = background.rows;
    const data = new Float64Array(2 ** d * n * d);
    for (let mask = 0; mask < 2 ** d; mask++)
      for (let b = 0; b < n; b++)
        for (let j = 0; j < d; j++)
          data[(mask * n + b) * d + j] = (mask >> j) & 1 ? x.data[r * d + j]! : background.data[b * d + j]!;
    const fv = f.evaluate({ data, rows: 2 ** d * n, cols: d });
    const v = new Float64Array(2 ** d);
    for (let mask = 0; mask < 2 ** d; mask++) {
      for (let b = 0; b < n; b++) v[mask]! += fv[mask * n + b]!;
      v[mask]! /= n;
    }
    for (let j = 0; j < d; j++)
      for (let mask = 0; mask < 2 ** d; mask++) {
        if ((mask >> j) & 1) continue;
        let s = 0;
        for (let i = 0; i < d; i++) s += (mask >> i) & 1;
        const w = (factorial(s) * factorial(d - s - 1)) / factorial(d);
        out[r * d + j]! += w * (v[mask | (1 << j)]! - v[mask]!);
      }
  }
  return out;
}

const interacting = (d: number) =>
  jsFunction(d, (z) => {
    let s = Math.sin(z[0]! * 2) + z[1]! * z[2]!;
    for (let j = 3; j < d; j++) s += (j % 3 === 0 ? z[j]! * z[j - 1]! : Math.tanh(z[j]!)) * (1 + 0.1 * j);
    return s;
  });

/** Interactions of every order (tanh of sums of products). */
const higherOrder = (d: number) =>
  jsFunction(d, (z) => {
    let s = 0;
    for (let j = 0; j < d; j++)
      s += Math.tanh(2 * z[j]! * z[(j + 1) % d]! + z[(j + 2) % d]! - 0.3 * z[(j + 5) % d]!);
    return s;
  });

const maxError = (a: Float64Array, b: Float64Array) =>
  a.reduce((m, y, i) => Math.max(m, Math.abs(y - b[i]!)), 0);

describe('kernelShap', () => {
  it('enumerates every coalition when the budget covers 2^d − 2 and then equals exact Shapley (MLP and JS)', () => {
    const model = smallMlp(5, [8], 3, 11);
    const mlp = explainedOutput(fromLayersModel(model), { target: 2, output: 'logit' });
    const x = randomMatrix(3, 5, 1);
    const background = randomMatrix(7, 5, 2);
    for (const f of [mlp, interacting(5)]) {
      const e = kernelShap.explain(f, x, { background, samples: 30 });
      // float64 arithmetic on identical f values: only the KKT solve's rounding separates them.
      expectArraysClose(e.values, bruteShapley(f, x, background), 1e-8);
      expect(Array.from(e.standardErrors!)).toEqual(new Array(15).fill(0));
    }
    model.dispose();
  });

  it('keeps Σφ = f(x) − E[f] exactly on sampled runs, paired or not', () => {
    const f = interacting(10);
    const x = randomMatrix(4, 10, 3);
    const background = randomMatrix(5, 10, 4);
    for (const paired of [true, false]) {
      const e = kernelShap.explain(f, x, { background, samples: 100, paired, seed: 5 });
      for (let r = 0; r < x.rows; r++) {
        const sum = e.values.subarray(r * 10, (r + 1) * 10).reduce((s, y) => s + y, 0);
        // Rounding of a 11 × 11 Gauss–Jordan solve on O(1) values.
        expect(Math.abs(sum - (e.predictions[r]! - e.baseValue))).toBeLessThan(1e-10);
      }
    }
  });

  it('converges to exact Shapley as samples grow (d = 13, so 4096 < 2^13 − 2 still samples)', () => {
    const model = smallMlp(13, [16], 1, 21);
    const f = explainedOutput(fromLayersModel(model), { output: 'logit' });
    const x = randomMatrix(1, 13, 5);
    const background = randomMatrix(6, 13, 6);
    const exact = bruteShapley(f, x, background);
    const curve = [64, 256, 1024, 4096].map((samples) =>
      maxError(kernelShap.explain(f, x, { background, samples, seed: 3 }).values, exact),
    );
    console.log(
      `kernelShap max |φ − exact| at 64, 256, 1024, 4096 samples: ${curve.map((e) => e.toExponential(2)).join(', ')}`,
    );
    expect(curve[0]! / curve[3]!).toBeGreaterThanOrEqual(3);
    model.dispose();
  });

  it('has honest standard errors: |φ − exact| ≤ 2·SE for at least 80% of values over 20 seeds, paired or not', () => {
    const f = higherOrder(8);
    const x = randomMatrix(1, 8, 7);
    const background = randomMatrix(6, 8, 8);
    const exact = bruteShapley(f, x, background);
    for (const paired of [true, false]) {
      let inside = 0;
      for (let seed = 0; seed < 20; seed++) {
        const e = kernelShap.explain(f, x, { background, samples: 120, paired, seed });
        for (let j = 0; j < 8; j++)
          if (Math.abs(e.values[j]! - exact[j]!) <= 2 * e.standardErrors![j]!) inside++;
      }
      console.log(`kernelShap 2·SE coverage (paired ${paired}) over 20 seeds × 8 features: ${inside}/160`);
      expect(inside / 160).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('paired sampling is exact (SE ~0) for an f with interactions of order ≤ 2; unpaired is not', () => {
    const f = interacting(8);
    const x = randomMatrix(1, 8, 7);
    const background = randomMatrix(6, 8, 8);
    const exact = bruteShapley(f, x, background);
    const paired = kernelShap.explain(f, x, { background, samples: 40, seed: 2 });
    const unpaired = kernelShap.explain(f, x, { background, samples: 40, paired: false, seed: 2 });
    // Measured: a pair z, 1 − z cancels the odd part of the residual; float64 rounding remains.
    expect(maxError(paired.values, exact)).toBeLessThan(1e-10);
    expect(Math.max(...paired.standardErrors!)).toBeLessThan(1e-10);
    expect(maxError(unpaired.values, exact)).toBeGreaterThan(1e-3);
  });

  it('same seed, same output; another seed, another output', () => {
    const f = interacting(9);
    const x = randomMatrix(2, 9, 9);
    const background = randomMatrix(4, 9, 10);
    const run = (seed: number) => kernelShap.explain(f, x, { background, samples: 200, seed });
    expect(Array.from(run(1).values)).toEqual(Array.from(run(1).values));
    expect(Array.from(run(1).values)).not.toEqual(Array.from(run(2).values));
    expect(Array.from(run(1).standardErrors!)).toEqual(Array.from(run(1).standardErrors!));
  });

  it('gives a feature f ignores ~0 (within 3 SE)', () => {
    const f = jsFunction(
      10,
      (z) => z[0]! * z[1]! + Math.sin(z[2]! * 3) + z[3]! * z[4]! * z[5]! + z[6]! + z[7]! * z[8]!,
    );
    const x = randomMatrix(3, 10, 11);
    const background = randomMatrix(5, 10, 12);
    const e = kernelShap.explain(f, x, { background, samples: 300, seed: 4 });
    for (let r = 0; r < 3; r++) {
      const se = e.standardErrors![r * 10 + 9]!;
      expect(se).toBeGreaterThan(0);
      expect(Math.abs(e.values[r * 10 + 9]!)).toBeLessThanOrEqual(3 * se);
    }
  });

  it('gives an affine f exactly w ⊙ (x − mean(background)), with standard errors 0, from a sampled run', () => {
    const w = [1.5, -2, 0.5, 3, -1, 0.25, 2, -0.75, 1, 0.1, -0.3, 0.8];
    const f = jsFunction(12, (z) => w.reduce((s, wj, j) => s + wj * z[j]!, 0.7));
    const x = randomMatrix(3, 12, 13);
    const background = randomMatrix(9, 12, 14);
    const e = kernelShap.explain(f, x, { background, seed: 1 }); // default 2072 samples < 4094: sampled
    const mean = columnMeans(background);
    const expected = Array.from(x.data, (v, i) => w[i % 12]! * (v - mean[i % 12]!));
    // Every sample is fitted exactly; only float64 rounding of the solve remains.
    expectArraysClose(e.values, expected, 1e-9);
    expect(Math.max(...e.standardErrors!)).toBeLessThan(1e-9);
  });

  it('evaluates a coalition drawn twice once, in at most a few calls per row', () => {
    const base = interacting(12);
    const calls: number[] = [];
    const f = { ...base, evaluate: (m: Matrix) => (calls.push(m.rows), base.evaluate(m)) };
    const background = randomMatrix(5, 12, 20);
    kernelShap.explain(f, randomMatrix(1, 12, 19), { background, seed: 3 });
    // predictions, background, then one chunk of masked rows (2072 draws × 5 rows < 131,072).
    expect(calls.length).toBe(3);
    const distinct = calls[2]! / 5;
    console.log(`kernelShap d = 12, 2072 draws: ${distinct} distinct coalitions evaluated`);
    expect(distinct).toBeLessThan(2072 * 0.8);
  });

  it('handles one feature: φ = f(x) − E[f]', () => {
    const f = jsFunction(1, (z) => z[0]! ** 2);
    const e = kernelShap.explain(
      f,
      { data: Float64Array.of(2), rows: 1, cols: 1 },
      {
        background: { data: Float64Array.of(0, 1), rows: 2, cols: 1 },
      },
    );
    expect(Array.from(e.values)).toEqual([3.5]);
  });

  const f4 = jsFunction(4, (z) => z[0]! + z[1]! * z[2]!);
  const x4 = randomMatrix(2, 4, 15);
  const bg4 = randomMatrix(3, 4, 16);
  it.each<[string, Matrix, Partial<KernelShapOptions> & { background?: Matrix; seed?: number }, string]>([
    ['samples 1', x4, { samples: 1 }, MESSAGES.kernelSamples('kernelShap', 1)],
    ['samples 2.5', x4, { samples: 2.5 }, MESSAGES.kernelSamples('kernelShap', 2.5)],
    [
      'paired "yes"',
      x4,
      { paired: 'yes' as unknown as boolean },
      MESSAGES.notBoolean('kernelShap', 'options.paired', 'yes'),
    ],
    [
      'seed 0.5',
      x4,
      { seed: 0.5 },
      MESSAGES.integerRange('kernelShap', 'options.seed', 0.5, -(2 ** 31), 2 ** 31 - 1),
    ],
    ['x of 3 columns', randomMatrix(2, 3, 1), {}, MESSAGES.matrixShape('kernelShap', 'x', '3 columns', 4)],
    [
      'background of 5 columns',
      x4,
      { background: randomMatrix(2, 5, 1) },
      MESSAGES.matrixShape('kernelShap', 'options.background', '5 columns', 4),
    ],
    ['a singular sample', x4, { samples: 2 }, MESSAGES.kernelSingular('kernelShap', 0, 2)],
  ])('refuses %s', (_, x, options, message) => {
    expect(() => kernelShap.explain(f4, x, { background: bg4, samples: 6, ...options })).toThrow(message);
  });

  it('leaves no tensor behind on an MLP, including after an error', () => {
    const model = smallMlp(6, [5], 1, 3);
    const f = explainedOutput(fromLayersModel(model));
    const x = randomMatrix(2, 6, 17);
    const background = randomMatrix(4, 6, 18);
    kernelShap.explain(f, x, { background, samples: 40 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) kernelShap.explain(f, x, { background, samples: 40, seed: i });
    expect(() => kernelShap.explain(f, x, { background, samples: 0 })).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
