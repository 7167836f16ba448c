/** The Shapley axioms (efficiency, symmetry, dummy, linearity) and the affine closed form, for exact Shapley. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { fitExactLogistic } from '@openbox/logistic';
import { makeLogisticData } from '@openbox/datasets';
import { explainedOutput } from '../core/explained-output.js';
import { fromLayersModel } from '../core/from-layers-model.js';
import { fromLogistic } from '../core/from-logistic.js';
import { columnMeans } from '../core/matrix.js';
import { jsFunction, randomMatrix, setupBackend, smallMlp } from '../test-models.js';
import { exactShapley } from './exact-shapley.js';

beforeAll(setupBackend);

const rowSums = (values: Float64Array, d: number): number[] =>
  Array.from({ length: values.length / d }, (_, r) =>
    values.subarray(r * d, (r + 1) * d).reduce((a, b) => a + b, 0),
  );

describe('exact Shapley axioms', () => {
  it('efficiency: Σ_j φ_j = f(x) − E_bg f, on a JS function and on an MLP', () => {
    const g = jsFunction(5, (z) => Math.tanh(z[0]! * z[1]! - z[2]!) + z[3]! * z[4]! ** 3);
    const model = smallMlp(5, [7, 4], 3, 21);
    const mlp = explainedOutput(fromLayersModel(model), { target: 0, output: 'logit' });
    for (const f of [g, mlp]) {
      const x = randomMatrix(4, 5, 22, -2, 2);
      const background = randomMatrix(9, 5, 23, -2, 2);
      const e = exactShapley.explain(f, x, { background });
      const mean = f.evaluate(background).reduce((a, b) => a + b, 0) / background.rows;
      const fx = f.evaluate(x);
      // Float64 sums of the same outputs: rounding only.
      expectArraysClose(
        rowSums(e.values, 5),
        Array.from(fx, (v) => v - mean),
        1e-10,
      );
    }
    model.dispose();
  });

  it('symmetry: features 0 and 1 entering f symmetrically, equal in x and in every background row, get equal φ', () => {
    const f = jsFunction(
      4,
      (z) => Math.tanh(z[0]! * z[1]!) + z[0]! ** 2 + z[1]! ** 2 + z[2]! * z[0]! * z[1]! + z[3]!,
    );
    const x = randomMatrix(3, 4, 31);
    const background = randomMatrix(6, 4, 32);
    for (const m of [x, background]) for (let r = 0; r < m.rows; r++) m.data[r * 4 + 1] = m.data[r * 4]!;
    const e = exactShapley.explain(f, x, { background });
    for (let r = 0; r < 3; r++) {
      // Same terms summed in a different mask order.
      expect(Math.abs(e.values[r * 4]! - e.values[r * 4 + 1]!)).toBeLessThan(1e-12);
      expect(Math.abs(e.values[r * 4]!)).toBeGreaterThan(1e-3);
    }
  });

  it('dummy: a feature f ignores gets exactly 0 (JS function and an MLP with that input cut)', () => {
    const g = jsFunction(4, (z) => Math.sin(z[0]!) * z[1]! + z[3]! ** 2);
    const model = smallMlp(4, [5], 1, 41);
    const first = model.getLayer('hidden1');
    const [kernel, bias] = first.getWeights();
    const cut = kernel!.arraySync() as number[][];
    cut[2] = cut[2]!.map(() => 0);
    const zeroed = tf.tensor2d(cut);
    first.setWeights([zeroed, bias!]);
    zeroed.dispose();
    const mlp = explainedOutput(fromLayersModel(model));
    const x = randomMatrix(3, 4, 42, -2, 2);
    const background = randomMatrix(5, 4, 43, -2, 2);
    for (const f of [g, mlp]) {
      const e = exactShapley.explain(f, x, { background });
      for (let r = 0; r < 3; r++) {
        expect(e.values[r * 4 + 2]).toBe(0);
        expect(Math.abs(e.values[r * 4]!)).toBeGreaterThan(1e-4);
      }
    }
    model.dispose();
  });

  it('linearity: φ of a·f + b·g = a·φ_f + b·φ_g, and the base values combine the same way', () => {
    const f = jsFunction(4, (z) => Math.exp(z[0]! * z[2]!) - z[1]!);
    const g = jsFunction(4, (z) => z[1]! * z[2]! * z[3]! + Math.cos(z[0]!));
    const [a, b] = [2.5, -0.75];
    const h = jsFunction(
      4,
      (z) => a * (Math.exp(z[0]! * z[2]!) - z[1]!) + b * (z[1]! * z[2]! * z[3]! + Math.cos(z[0]!)),
    );
    const x = randomMatrix(3, 4, 51);
    const background = randomMatrix(6, 4, 52);
    const [ef, eg, eh] = [f, g, h].map((fn) => exactShapley.explain(fn, x, { background }));
    // Float64 rounding of a different grouping of the same sums.
    expectArraysClose(
      eh!.values,
      ef!.values.map((v, i) => a * v + b * eg!.values[i]!),
      1e-10,
    );
    expect(eh!.baseValue).toBeCloseTo(a * ef!.baseValue + b * eg!.baseValue, 12);
  });

  it('affine f: φ_j = w_j (x_j − mean_bg x_j), for a JS affine function and a logistic regression in log-odds', () => {
    const w = [1.5, -2, 0.25, 3];
    const affine = jsFunction(4, (z) => 0.7 + w.reduce((s, wj, j) => s + wj * z[j]!, 0));
    const ds = makeLogisticData({ n: 200, weights: [1, -1.5, 0.5, 0], intercept: -0.2, seed: 53 });
    const lr = explainedOutput(fromLogistic(fitExactLogistic(ds)), { output: 'logit' });
    const x = randomMatrix(3, 4, 54, -2, 2);
    const background = randomMatrix(8, 4, 55, -2, 2);
    const mean = columnMeans(background);
    for (const [f, weights] of [
      [affine, w],
      [lr, Array.from(lr.affine!.weights)],
    ] as const) {
      const e = exactShapley.explain(f, x, { background });
      const closed = Array.from({ length: 12 }, (_, i) => weights[i % 4]! * (x.data[i]! - mean[i % 4]!));
      // Float64 sums of 2^d · B affine outputs: rounding only.
      expectArraysClose(e.values, closed, 1e-10);
    }
  });
});
