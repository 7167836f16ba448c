import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { tensorGrowth } from '@openbox/runtime';
import { expectArraysClose } from '@openbox/testing';
import { fitExactLogistic } from '@openbox/logistic';
import { makeLogisticData } from '@openbox/datasets';
import { explainedOutput, type ExplainedFunction } from '../core/explained-output.js';
import { fromLayersModel } from '../core/from-layers-model.js';
import { fromLogistic } from '../core/from-logistic.js';
import { columnMeans, type Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { jsFunction, randomMatrix, setupBackend, smallMlp } from '../test-models.js';
import { integratedGradients } from './integrated-gradients.js';

beforeAll(setupBackend);

/** The tanh MLP's sigmoid-head logit in float64, read from the model's weights: the reference's f. */
function float64Logit(model: tfl.LayersModel): (row: Float64Array) => number {
  const layers = model.layers.map((l) => {
    const [kernel, bias] = l.getWeights();
    return { k: kernel!.dataSync(), b: bias!.dataSync(), out: kernel!.shape[1]!, last: l.name === 'out' };
  });
  return (row) => {
    let h: number[] = Array.from(row);
    for (const { k, b, out, last } of layers) {
      const z = Array.from({ length: out }, (_, o) => h.reduce((s, v, i) => s + v * k[i * out + o]!, b[o]!));
      h = last ? z : z.map(Math.tanh);
    }
    return h[0]!;
  };
}

const lr = () => {
  const data = makeLogisticData({ n: 300, weights: [1, -2, 0.5], intercept: 0.2, seed: 5 });
  const fit = fitExactLogistic(data);
  return { fit, f: explainedOutput(fromLogistic(fit), { output: 'logit' }) };
};

describe('integratedGradients', () => {
  it('is β ⊙ (x − b) on a logistic regression in logit space (1e-5: float32 gradients)', () => {
    const { fit, f } = lr();
    const x = randomMatrix(4, 3, 1, -2, 2);
    const baseline: Matrix = { data: Float64Array.of(0.3, -0.1, 1), rows: 1, cols: 3 };
    const e = integratedGradients.explain(f, x, { background: x, baseline, steps: 3 });
    const expected = Array.from(x.data, (v, i) => fit.coefficients[i % 3]! * (v - baseline.data[i % 3]!));
    expectArraysClose(e.values, expected, 1e-5);
    expect(e.baseValue).toBeCloseTo(f.evaluate(baseline)[0]!, 12);
    expectArraysClose(e.delta!, [0, 0, 0, 0], 1e-5);
    // The default baseline is the background's mean row.
    const background = randomMatrix(20, 3, 2);
    const byDefault = integratedGradients.explain(f, x, { background });
    const mean = columnMeans(background);
    expectArraysClose(
      byDefault.values,
      Array.from(x.data, (v, i) => fit.coefficients[i % 3]! * (v - mean[i % 3]!)),
      1e-5,
    );
    expect(byDefault.baseValue).toBeCloseTo(f.evaluate({ data: mean, rows: 1, cols: 3 })[0]!, 12);
  });

  it('an MLP’s completeness gap falls with steps (4 → 16 → 64)', () => {
    const model = smallMlp(4, [8, 6], 1, 11);
    const f = explainedOutput(fromLayersModel(model), { output: 'logit' });
    const x = randomMatrix(6, 4, 3, -2, 2);
    const background = randomMatrix(10, 4, 4);
    const gap = (steps: number) =>
      Math.max(...integratedGradients.explain(f, x, { background, steps }).delta!.map(Math.abs));
    const [g4, g16, g64] = [gap(4), gap(16), gap(64)];
    console.log(
      `IG max |delta|: 4 steps ${g4.toExponential(2)}, 16 ${g16.toExponential(2)}, 64 ${g64.toExponential(2)}`,
    );
    expect(g16).toBeLessThan(g4 / 10);
    expect(g64).toBeLessThanOrEqual(g16 * 2); // at 16 nodes the rule is already at float32's floor
    expect(g64).toBeLessThan(1e-4);
    model.dispose();
  });

  it('equals a float64 finite-difference path integral (1e-4: float32 model gradients)', () => {
    const model = smallMlp(3, [5], 1, 2);
    const f = explainedOutput(fromLayersModel(model), { output: 'logit' });
    const g = float64Logit(model);
    const x = randomMatrix(3, 3, 6, -1.5, 1.5);
    const baseline = Float64Array.of(0.2, -0.4, 0.1);
    const e = integratedGradients.explain(f, x, {
      background: x,
      baseline: { data: baseline, rows: 1, cols: 3 },
    });
    // Reference: midpoint rule over 400 nodes of central differences (h = 1e-5) along the path, all in float64.
    const nodes = 400;
    const h = 1e-5;
    for (let r = 0; r < 3; r++) {
      const row = x.data.subarray(r * 3, (r + 1) * 3);
      const phi = new Float64Array(3);
      for (let k = 0; k < nodes; k++) {
        const alpha = (k + 0.5) / nodes;
        const point = baseline.map((b, j) => b + alpha * (row[j]! - b));
        for (let j = 0; j < 3; j++) {
          const up = Float64Array.from(point);
          const down = Float64Array.from(point);
          up[j]! += h;
          down[j]! -= h;
          phi[j]! += ((row[j]! - baseline[j]!) * (g(up) - g(down))) / (2 * h) / nodes;
        }
      }
      expectArraysClose(e.values.subarray(r * 3, (r + 1) * 3), phi, 1e-4);
      expect(e.predictions[r]!).toBeCloseTo(g(row), 5);
    }
    model.dispose();
  });

  const { f } = lr();
  const ok: Matrix = randomMatrix(2, 3, 9);
  it.each([
    [
      'a function without tensor form',
      jsFunction(3, () => 0, 'js'),
      {},
      MESSAGES.noGradients('integratedGradients', 'js'),
    ],
    ['steps 0', f, { steps: 0 }, MESSAGES.integerRange('integratedGradients', 'options.steps', 0, 1, 10_000)],
    [
      'steps 2.5',
      f,
      { steps: 2.5 },
      MESSAGES.integerRange('integratedGradients', 'options.steps', 2.5, 1, 10_000),
    ],
    [
      'steps 10001',
      f,
      { steps: 10_001 },
      MESSAGES.integerRange('integratedGradients', 'options.steps', 10_001, 1, 10_000),
    ],
    ['a two-row baseline', f, { baseline: ok }, MESSAGES.baselineRows('integratedGradients', 2)],
    [
      'a baseline of the wrong width',
      f,
      { baseline: [[0, 0]] },
      MESSAGES.matrixShape('integratedGradients', 'options.baseline', 'row 0 with 2', 3),
    ],
    [
      'a NaN baseline',
      f,
      { baseline: [[0, NaN, 0]] },
      MESSAGES.nonFinite('integratedGradients', 'options.baseline', 0, 1),
    ],
    [
      'no background and no baseline',
      f,
      { background: undefined },
      MESSAGES.matrixShape('integratedGradients', 'options.background', 'neither rows nor a Matrix', 3),
    ],
  ] as const)('refuses %s', (_, fn, options, message) => {
    expect(() =>
      integratedGradients.explain(fn as ExplainedFunction, ok, { background: ok, ...(options as object) }),
    ).toThrow(message);
  });

  it('refuses a bad x', () => {
    expect(() => integratedGradients.explain(f, [[1, Infinity, 0]] as never, { background: ok })).toThrow(
      MESSAGES.nonFinite('integratedGradients', 'x', 0, 1),
    );
  });

  it('leaves no tensor behind, also when the model throws mid-pass', async () => {
    const model = smallMlp(3, [4], 1, 3);
    const g = explainedOutput(fromLayersModel(model), { output: 'logit' });
    expect(await tensorGrowth(() => integratedGradients.explain(g, ok, { background: ok, steps: 8 }))).toBe(
      0,
    );
    const failing: ExplainedFunction = {
      ...g,
      tensor: (t) => {
        g.tensor!(t);
        throw new Error('boom');
      },
    };
    const attempt = () => {
      expect(() => integratedGradients.explain(failing, ok, { background: ok })).toThrow('boom');
    };
    expect(await tensorGrowth(attempt)).toBe(0);
    const before = tf.memory().numTensors;
    attempt();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
