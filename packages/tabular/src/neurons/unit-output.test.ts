import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { tensorGrowth } from '@openbox/runtime';
import { expectArraysClose } from '@openbox/testing';
import { fromLayersModel } from '../core/from-layers-model.js';
import { integratedGradients } from '../gradient/integrated-gradients.js';
import { MESSAGES } from '../messages.js';
import { randomMatrix, setupBackend, smallMlp } from '../test-models.js';
import { unitOutput } from './unit-output.js';

beforeAll(setupBackend);

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
};

describe('unitOutput', () => {
  it("equals the adapter's activation column, for activations and pre-activations (1e-6: float32)", () => {
    const model = smallMlp(4, [6, 5], 3, 2);
    const clf = fromLayersModel(model);
    const x = randomMatrix(7, 4, 1, -2, 2);
    const acts = tf.tidy(() =>
      clf.adapter.activations(tf.tensor2d(Float32Array.from(x.data), [7, 4]), ['hidden1', 'hidden2:pre']),
    );
    const h1 = acts.hidden1!.arraySync() as number[][];
    const p2 = acts['hidden2:pre']!.arraySync() as number[][];
    tf.dispose(acts);
    for (const unit of [0, 5]) {
      const u = unitOutput(clf, 'hidden1', unit);
      expectArraysClose(
        u.evaluate(x),
        h1.map((r) => r[unit]!),
        1e-6,
      );
      expect(u.label).toBe(`unit ${unit} of hidden1 in MLP 4-6-5-3 (softmax)`);
    }
    const pre = unitOutput(clf, 'hidden2', 4, { pre: true });
    expectArraysClose(
      pre.evaluate(x),
      p2.map((r) => r[4]!),
      1e-6,
    );
    const t = tf.tidy(() => pre.tensor!(tf.tensor2d(Float32Array.from(x.data), [7, 4])));
    expect(t.shape).toEqual([7]);
    expectArraysClose(t.dataSync(), pre.evaluate(x), 0);
    t.dispose();
    // The first layer's pre-activation is x · W[:, i] + b_i.
    const [kernel, bias] = model
      .getLayer('hidden1')
      .getWeights()
      .map((w) => w.arraySync() as number[] | number[][]);
    const direct = Array.from({ length: 7 }, (_, r) =>
      [0, 1, 2, 3].reduce(
        (s, j) => s + x.data[r * 4 + j]! * (kernel as number[][])[j]![2]!,
        (bias as number[])[2]!,
      ),
    );
    expectArraysClose(unitOutput(clf, 'hidden1', 2, { pre: true }).evaluate(x), direct, 1e-6);
    model.dispose();
  });

  it("integrated gradients of a unit sum to the unit's change from the baseline (1e-5: float32)", () => {
    const model = smallMlp(3, [6, 4], 1, 4);
    const u = unitOutput(fromLayersModel(model), 'hidden2', 1);
    const x = randomMatrix(5, 3, 2, -2, 2);
    const background = randomMatrix(20, 3, 3);
    const e = integratedGradients.explain(u, x, { background, steps: 64 });
    const change = u.evaluate(x).map((v) => v - e.baseValue);
    expectArraysClose(
      Array.from({ length: 5 }, (_, r) => e.values.subarray(r * 3, (r + 1) * 3).reduce((s, v) => s + v, 0)),
      change,
      1e-5,
    );
    model.dispose();
  });

  it('names an unknown layer (the adapter’s message), a bad unit, a non-vector layer, a pre of a non-Dense layer', () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [3], units: 6, activation: 'relu', name: 'dense' }),
        tfl.layers.reshape({ targetShape: [2, 3], name: 'grid' }),
        tfl.layers.flatten({ name: 'flat' }),
        tfl.layers.dense({ units: 1, activation: 'sigmoid', name: 'out' }),
      ],
    });
    const clf = fromLayersModel(model);
    expect(() => unitOutput(clf, 'nope', 0)).toThrow(
      messageOf(() => clf.adapter.layer('nope', 'unitOutput')),
    );
    expect(messageOf(() => unitOutput(clf, 'nope', 0))).toMatch(/^unitOutput: .*nope/);
    for (const unit of [-1, 6, 1.5, NaN])
      expect(() => unitOutput(clf, 'dense', unit)).toThrow(
        MESSAGES.unknownUnit('unitOutput', 'dense', unit, 6),
      );
    expect(() => unitOutput(clf, 'dense', 6, { pre: true })).toThrow(
      MESSAGES.unknownUnit('unitOutput', 'dense:pre', 6, 6),
    );
    expect(() => unitOutput(clf, 'grid', 0)).toThrow(
      MESSAGES.notVectorLayer('unitOutput', 'grid', [null, 2, 3]),
    );
    expect(() => unitOutput(clf, 'flat', 0, { pre: true })).toThrow(
      messageOf(() => clf.adapter.layer('flat:pre', 'unitOutput')),
    );
    expect(unitOutput(clf, 'flat', 5).evaluate(randomMatrix(2, 3, 1)).length).toBe(2);
    model.dispose();
  });

  it('leaves no tensor behind', async () => {
    const model = smallMlp(3, [4], 1, 1);
    const u = unitOutput(fromLayersModel(model), 'hidden1', 0, { pre: true });
    const x = randomMatrix(4, 3, 5);
    expect(await tensorGrowth(() => u.evaluate(x))).toBe(0);
    expect(
      await tensorGrowth(() => tf.tidy(() => u.tensor!(tf.tensor2d(Float32Array.from(x.data), [4, 3])))),
    ).toBe(0);
    model.dispose();
  });
});
