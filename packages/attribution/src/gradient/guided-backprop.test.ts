import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectArraysClose } from '@openbox/testing';
import { createRng } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  linearModel,
  randomInputs,
  randomValues,
  setupBackend,
  smallCnn,
  smoothCnn,
} from '../test-models.js';
import { deconvolution } from './deconvolution.js';
import { guidedBackprop } from './guided-backprop.js';
import { saliency } from './saliency.js';
import { referenceGradient, type ReluRule } from './test-small-cnn-reference.js';

beforeAll(setupBackend);

/**
 * x (1×1×2) → dense(3, relu) → dense(2): at x = (1, 0.5) the hidden pre-activations are (1.5, −1.5, 0.5) and the
 * read-out of logit 0 is v = (2, 3, −1), so with columns c1 = (1, 1), c2 = (−1, −1), c3 = (1, −1):
 * saliency = 2c1 − c3 = (1, 3); guided = 2c1 = (2, 2) (relu(−1) = 0 at unit 3); deconvolution = 2c1 + 3c2 =
 * (−1, −1) (unit 2 is off but relu(3) passes).
 */
function threeUnitNet(activation = 'relu'): tfl.LayersModel {
  return tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [1, 1, 2], name: 'flat' }),
      tfl.layers.dense({
        units: 3,
        activation: activation as 'relu',
        name: 'hidden',
        weights: [
          tf.tensor2d([
            [1, -1, 1],
            [1, -1, -1],
          ]),
          tf.zeros([3]),
        ],
      }),
      tfl.layers.dense({
        units: 2,
        name: 'out',
        weights: [
          tf.tensor2d([
            [2, 0],
            [3, 0],
            [-1, 0],
          ]),
          tf.zeros([2]),
        ],
      }),
    ],
  });
}

/** A ReLU applied to the input itself, then smallCnn's layers: the input gradient passes a ReLU's backward rule. */
function reluFirstNet(seed: number): tfl.LayersModel {
  const rng = createRng(seed);
  const init = () => tfl.initializers.glorotUniform({ seed: rng.tfSeed() });
  return tfl.sequential({
    layers: [
      tfl.layers.activation({ inputShape: [8, 8, 1], activation: 'relu', name: 'act' }),
      tfl.layers.conv2d({
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        name: 'conv1',
        kernelInitializer: init(),
      }),
      tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
      tfl.layers.flatten({ name: 'flat' }),
      tfl.layers.dense({ units: 3, activation: 'softmax', name: 'probs', kernelInitializer: init() }),
    ],
  });
}

const guided: ReluRule = (dy, z) => (z > 0 ? Math.max(dy, 0) : 0);
const deconv: ReluRule = (dy) => Math.max(dy, 0);

const METHODS = [
  ['guidedBackprop', guidedBackprop, [2, 2], guided],
  ['deconvolution', deconvolution, [-1, -1], deconv],
] as const;

describe.each(METHODS)('%s', (name, method, handValue, rule) => {
  it('matches a float64 reimplementation of its ReLU rule on smallCnn, per input and target', () => {
    const model = smallCnn(75);
    const x = randomInputs(3, [8, 8, 1], 76);
    const targets = [2, 0, 3];
    const a = method.attribute(model, x, { targets }).attributions;
    const xs = x.dataSync();
    const expected = targets.flatMap((t, i) => {
      const xi = xs.subarray(i * 64, i * 64 + 64);
      return [...referenceGradient(model, xi, xi, t, { relu: rule, pool: 'plain' })];
    });
    // float32 vs float64 sums of a few dozen O(1) products: ~1e-6.
    expectArraysClose(a, expected, 1e-5);
    [x, a].forEach((v) => v.dispose());
  });

  it('equals saliency on nets without ReLU (linear; tanh with average pooling)', () => {
    const fixture = linearModel([3, 3, 2], 4, 81);
    const x = randomInputs(2, [3, 3, 2], 82);
    const a = method.attribute(fixture.model, x, { targets: [0, 3] }).attributions;
    const s = saliency.attribute(fixture.model, x, { targets: [0, 3] }).attributions;
    expectArraysClose(a, s, 1e-6); // same ops, same order: float32 rounding only
    const smooth = smoothCnn(83);
    const y = randomInputs(2, [8, 8, 1], 84);
    const b = method.attribute(smooth, y, { targets: 1 }).attributions;
    const t = saliency.attribute(smooth, y, { targets: 1 }).attributions;
    expectArraysClose(b, t, 1e-6);
    [x, a, s, y, b, t].forEach((v) => v.dispose());
  });

  it(`gives ${JSON.stringify(handValue)} on the hand-built three-unit ReLU net (saliency: [1, 3])`, () => {
    const model = threeUnitNet();
    const x = tf.tensor4d([1, 0.5], [1, 1, 1, 2]);
    const a = method.attribute(model, x, { targets: 0 }).attributions;
    const s = saliency.attribute(model, x, { targets: 0 }).attributions;
    expectArraysClose(a, handValue, 1e-6);
    expectArraysClose(s, [1, 3], 1e-6);
    [x, a, s].forEach((v) => v.dispose());
  });

  it('is non-negative through a ReLU on the input (zero where x ≤ 0 for guided), where saliency is not', () => {
    const model = reluFirstNet(91);
    const x = tf.tensor4d(randomValues(2 * 64, 92), [2, 8, 8, 1]); // uniform in [−1, 1)
    const [at, st] = [method, saliency].map((m) => m.attribute(model, x, { targets: [0, 2] }).attributions);
    const [a, s] = [at!.dataSync(), st!.dataSync()];
    const xs = x.dataSync();
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeGreaterThan(0);
    expect(Math.min(...s)).toBeLessThan(0);
    if (name === 'guidedBackprop') expect([...a].filter((v, i) => xs[i]! <= 0 && v !== 0)).toEqual([]);
    else expect([...a].some((v, i) => xs[i]! <= 0 && v > 0)).toBe(true);
    [x, at!, st!].forEach((t) => t.dispose());
  });

  it('gives the same result in chunks of one row, and leaks no tensor', () => {
    const model = smallCnn(101);
    const x = randomInputs(3, [8, 8, 1], 102);
    const whole = method.attribute(model, x, { targets: [0, 1, 3] }).attributions;
    const before = tf.memory().numTensors;
    const chunked = method.attribute(model, x, { targets: [0, 1, 3], internalBatchSize: 1 }).attributions;
    expect(tf.memory().numTensors).toBe(before + 1);
    expectArraysClose(chunked, whole, 1e-6);
    [x, whole, chunked].forEach((t) => t.dispose());
  });

  it("passes on the executor's message for an activation it cannot hook, leaking nothing", () => {
    const model = threeUnitNet('softsign');
    const x = tf.tensor4d([1, 0.5], [1, 1, 1, 2]);
    const call = () => method.attribute(model, x, { targets: 0 });
    expect(call).toThrow(); // the first call builds the model's adapter (its cached tensors stay)
    const before = tf.memory().numTensors;
    expect(call).toThrow(
      "ModelAdapter.execute: layer 'hidden' (Dense, activation 'softsign') cannot take a modified backward rule",
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('rejects a bad target with a message naming the method', () => {
    const model = smallCnn(111);
    const x = randomInputs(1, [8, 8, 1], 112);
    const fn = name === 'guidedBackprop' ? 'guided-backprop' : 'deconvolution';
    expect(() => method.attribute(model, x, { targets: 4 })).toThrow(
      `${fn}: target 4 is not a class of 'logits', which has classes 0..3.`,
    );
    x.dispose();
  });
});
