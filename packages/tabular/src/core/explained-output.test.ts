import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { fitExactLogistic, fitExactMultinomial } from '@openbox/logistic';
import { makeLogisticData, loadPenguins } from '@openbox/datasets';
import { explainedOutput } from './explained-output.js';
import { fromLayersModel } from './from-layers-model.js';
import { fromLogistic } from './from-logistic.js';
import { randomMatrix, setupBackend, smallMlp } from '../test-models.js';

beforeAll(setupBackend);

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('explainedOutput', () => {
  it('gives a softmax MLP class probabilities equal to predict, and logits log(p / (1 − p))', () => {
    const model = smallMlp(3, [5], 4, 1);
    const x = randomMatrix(6, 3, 2);
    const p = (
      model.predict(tf.tensor2d(Float32Array.from(x.data), [6, 3])) as tf.Tensor
    ).arraySync() as number[][];
    const clf = fromLayersModel(model);
    expect([clf.head, clf.classes, clf.label]).toEqual(['softmax', 4, 'MLP 3-5-4 (softmax)']);
    for (const k of [0, 3]) {
      const prob = explainedOutput(clf, { target: k }).evaluate(x);
      const logit = explainedOutput(clf, { target: k, output: 'logit' }).evaluate(x);
      expectArraysClose(
        prob,
        p.map((r) => r[k]!),
        1e-6,
      );
      expectArraysClose(
        logit,
        p.map((r) => Math.log(r[k]! / (1 - r[k]!))),
        1e-4,
      );
    }
    model.dispose();
  });

  it('tensor form equals evaluate, for both heads and both spaces, and leaves no tensor', () => {
    for (const classes of [1, 3]) {
      const model = smallMlp(4, [6, 3], classes, 7);
      const clf = fromLayersModel(model);
      const x = randomMatrix(5, 4, 3);
      const before = tf.memory().numTensors;
      for (const output of ['probability', 'logit'] as const) {
        const f = explainedOutput(clf, { target: 1, output });
        const t = tf.tidy(() => f.tensor!(tf.tensor2d(Float32Array.from(x.data), [5, 4])));
        expectArraysClose(t.dataSync(), f.evaluate(x), 1e-5);
        t.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    }
  });

  it('a binary logistic fit is affine in logit space with its coefficients, and σ of it in probability space', () => {
    const ds = makeLogisticData({ n: 300, weights: [1.5, -2, 0], intercept: 0.3, seed: 4 });
    const fit = fitExactLogistic(ds);
    const clf = fromLogistic(fit);
    const f = explainedOutput(clf, { output: 'logit' });
    expectArraysClose(f.affine!.weights, fit.coefficients, 0);
    expect(f.affine!.intercept).toBe(fit.intercept);
    const x = randomMatrix(4, 3, 5);
    const direct = Array.from(
      { length: 4 },
      (_, r) => fit.intercept + [0, 1, 2].reduce((s, c) => s + fit.coefficients[c]! * x.data[r * 3 + c]!, 0),
    );
    expectArraysClose(f.evaluate(x), direct, 1e-12);
    expectArraysClose(explainedOutput(clf).evaluate(x), direct.map(sigmoid), 1e-12);
    // Class 0 is the mirror image.
    expectArraysClose(
      explainedOutput(clf, { target: 0, output: 'logit' }).evaluate(x),
      direct.map((z) => -z),
      1e-12,
    );
    expect(explainedOutput(clf).affine).toBeUndefined();
  });

  it('a multinomial fit explains one class; probabilities sum to 1 over classes', () => {
    const ds = loadPenguins();
    const d = ds.featureNames.length;
    const fit = fitExactMultinomial(ds, { l2: 1 });
    const clf = fromLogistic(fit);
    const x = { data: Float64Array.from(ds.features.subarray(0, 5 * d)), rows: 5, cols: d };
    const total = new Float64Array(5);
    for (let k = 0; k < clf.classes; k++)
      explainedOutput(clf, { target: k })
        .evaluate(x)
        .forEach((v, r) => (total[r]! += v));
    expectArraysClose(total, [1, 1, 1, 1, 1], 1e-12);
  });

  it('names a bad class and a bad output space', () => {
    const clf = fromLayersModel(smallMlp(2, [], 3, 0));
    expect(() => explainedOutput(clf, { target: 3 })).toThrow(
      'explainedOutput: class 3 is not a class of this model, which has classes 0..2.',
    );
    expect(() => explainedOutput(clf, { output: 'odds' as never })).toThrow(
      `explainedOutput: options.output must be one of 'probability', 'logit'; got "odds".`,
    );
  });
});
