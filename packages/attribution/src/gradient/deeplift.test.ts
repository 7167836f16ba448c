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
  weightColumn,
} from '../test-models.js';
import { deepLift } from './deeplift.js';
import { referenceGradient, rescaleRelu } from './test-small-cnn-reference.js';

beforeAll(setupBackend);

/** conv(relu) → average pool → dense(relu) → dense(softmax): every rule there is exact (no max pooling). */
function reluAvgPoolNet(seed: number): tfl.LayersModel {
  const rng = createRng(seed);
  const init = () => tfl.initializers.glorotUniform({ seed: rng.tfSeed() });
  const bias = () => tfl.initializers.randomUniform({ minval: -0.2, maxval: 0.2, seed: rng.tfSeed() });
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        inputShape: [8, 8, 1],
        filters: 3,
        kernelSize: 3,
        activation: 'relu',
        name: 'conv1',
        kernelInitializer: init(),
        biasInitializer: bias(),
      }),
      tfl.layers.averagePooling2d({ poolSize: 2, name: 'pool' }),
      tfl.layers.flatten({ name: 'flat' }),
      tfl.layers.dense({
        units: 5,
        activation: 'relu',
        name: 'hidden',
        kernelInitializer: init(),
        biasInitializer: bias(),
      }),
      tfl.layers.dense({ units: 3, activation: 'softmax', name: 'probs', kernelInitializer: init() }),
    ],
  });
}

/** y = relu(x − 1) on a 1×1×1 input, read out by a linear unit: the rescale rule is visible by hand. */
function oneUnitNet(activation: 'relu' | 'softsign' = 'relu'): tfl.LayersModel {
  return tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [1, 1, 1], name: 'flat' }),
      tfl.layers.dense({ units: 1, activation, name: 'unit', weights: [tf.ones([1, 1]), tf.tensor1d([-1])] }),
      // Two outputs (tfjs's oneHot needs a depth of at least 2); the second reads nothing.
      tfl.layers.dense({ units: 2, name: 'out', weights: [tf.tensor2d([[1, 0]]), tf.zeros([2])] }),
    ],
  });
}

const scalar = (v: number) => tf.tensor4d([v], [1, 1, 1, 1]);

describe('deepLift', () => {
  it('is w ⊙ (x − x0) on a linear model (closed form, = integrated gradients), delta ≈ 0', () => {
    const fixture = linearModel([3, 3, 2], 4, 21);
    const x = randomInputs(2, [3, 3, 2], 22);
    const x0 = randomInputs(1, [3, 3, 2], 23);
    const { attributions, delta } = deepLift.attribute(fixture.model, x, { targets: [1, 3], baselines: x0 });
    const [xs, bs, a] = [x.dataSync(), x0.dataSync(), attributions.dataSync()];
    const expected = [1, 3].flatMap((t, i) =>
      [...weightColumn(fixture, t)].map((w, j) => w * (xs[i * 18 + j]! - bs[j]!)),
    );
    // float32 products of values in [-1, 1]: rounding ~1e-7.
    expectArraysClose(a, expected, 1e-6);
    expectArraysClose(delta!, [0, 0], 1e-5);
    [x, x0, attributions, delta!].forEach((t) => t.dispose());
  });

  it('gives the multiplier (relu(1) − relu(−1)) / (2 − 0) = 1/2 on relu(x − 1) with x = 2, x0 = 0 (by hand)', () => {
    const model = oneUnitNet();
    const x = scalar(2);
    const { attributions, delta } = deepLift.attribute(model, x, { targets: 0 });
    // attribution = (x − x0) · 1/2 = 1 = f(x) − f(x0); the plain gradient would give 2.
    expectArraysClose(attributions, [1], 1e-6);
    expectArraysClose(delta!, [0], 1e-6);
    // eps = 10 > |Δz| = 2: the plain gradient (1), so the attribution is 2 and delta 1.
    const wide = deepLift.attribute(model, x, { targets: 0, eps: 10 });
    expectArraysClose(wide.attributions, [2], 1e-6);
    expectArraysClose(wide.delta!, [1], 1e-6);
    [x, attributions, delta!, wide.attributions, wide.delta!].forEach((t) => t.dispose());
  });

  it('sums to f(x) − f(x0) on a ReLU net with average pooling (|delta| < 1e-4), for zero and random baselines', () => {
    const model = reluAvgPoolNet(31);
    const x = randomInputs(4, [8, 8, 1], 32);
    const x0 = randomInputs(4, [8, 8, 1], 33);
    for (const baselines of ['zeros', x0] as const) {
      const { attributions, delta } = deepLift.attribute(model, x, { targets: [0, 1, 2, 0], baselines });
      expect(Math.max(...[...delta!.dataSync()].map(Math.abs))).toBeLessThan(1e-4);
      [attributions, delta!].forEach((t) => t.dispose());
    }
    [x, x0].forEach((t) => t.dispose());
  });

  it("sums to f(x) − f(x0) on smallCnn with max pooling (Captum's maxpool rule), and a unit target", () => {
    const model = smallCnn(41);
    const x = randomInputs(4, [8, 8, 1], 42);
    const x0 = randomInputs(1, [8, 8, 1], 43);
    const { attributions, delta } = deepLift.attribute(model, x, { targets: [0, 1, 2, 3], baselines: x0 });
    const worst = Math.max(...[...delta!.dataSync()].map(Math.abs));
    // Measured ≈ 1e-7 (float32 rounding): the max-pool rule routes max(o, o0) − o0 and o − max(o, o0) exactly.
    expect(worst).toBeLessThan(1e-4);
    const unit = deepLift.attribute(model, x, { targets: { layer: 'conv2', channel: 1 }, baselines: x0 });
    expect(Math.max(...[...unit.delta!.dataSync()].map(Math.abs))).toBeLessThan(1e-4);
    console.info(`deeplift smallCnn max |delta| = ${worst.toExponential(2)}`);
    [x, x0, attributions, delta!, unit.attributions, unit.delta!].forEach((t) => t.dispose());
  });

  it('matches a float64 reimplementation of the rescale and maxpool rules on smallCnn, per input and target', () => {
    const model = smallCnn(45);
    const x = randomInputs(3, [8, 8, 1], 46);
    const x0 = randomInputs(3, [8, 8, 1], 47);
    const targets = [0, 3, 1];
    const { attributions, delta } = deepLift.attribute(model, x, { targets, baselines: x0 });
    const [xs, bs] = [x.dataSync(), x0.dataSync()];
    const expected = targets.flatMap((t, i) => {
      const [xi, bi] = [xs.subarray(i * 64, i * 64 + 64), bs.subarray(i * 64, i * 64 + 64)];
      const g = referenceGradient(model, xi, bi, t, { relu: rescaleRelu(), pool: 'deeplift' });
      return [...g].map((v, k) => v * (xi[k]! - bi[k]!));
    });
    // float32 forward vs float64: Δz/Δy ratios of O(1) values carry ~1e-6 relative rounding.
    expectArraysClose(attributions, expected, 1e-4);
    [x, x0, attributions, delta!].forEach((t) => t.dispose());
  });

  it("with output 'model' keeps the softmax's plain gradient; delta is still Σ attributions − (p(x) − p(x0))", () => {
    const model = reluAvgPoolNet(51);
    const x = randomInputs(2, [8, 8, 1], 52);
    const { attributions, delta } = deepLift.attribute(model, x, { targets: 1, output: 'model' });
    const p = (v: tf.Tensor) => tf.tidy(() => (model.predict(v) as tf.Tensor).arraySync() as number[][]);
    const [px, p0] = [p(x), p(tf.zerosLike(x))];
    const sums = tf.tidy(() => tf.sum(tf.reshape(attributions, [2, -1]), 1).arraySync() as number[]);
    expectArraysClose(
      delta!,
      [0, 1].map((i) => sums[i]! - (px[i]![1]! - p0[i]![1]!)),
      1e-5,
    );
    [x, attributions, delta!].forEach((t) => t.dispose());
  });

  it.each(['relu', 'relu6', 'sigmoid', 'tanh', 'elu', 'selu', 'softplus'] as const)(
    "with a huge eps falls back to %s's plain derivative everywhere: x ⊙ ∂f/∂x (tfjs autograd) for x0 = 0",
    (activation) => {
      const model = tfl.sequential({
        layers: [
          tfl.layers.flatten({ inputShape: [2, 2, 1], name: 'flat' }),
          tfl.layers.dense({
            units: 4,
            activation,
            name: 'hidden',
            kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
          }),
          tfl.layers.dense({
            units: 2,
            name: 'out',
            kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
          }),
        ],
      });
      const x = tf.tensor4d(randomValues(8, 7, -2, 2), [2, 2, 2, 1]);
      const { attributions, delta } = deepLift.attribute(model, x, { targets: [0, 1], eps: 1e9 });
      const expected = tf.tidy(() =>
        tf.mul(
          x,
          tf.grad((v: tf.Tensor) => tf.sum(tf.mul(model.apply(v) as tf.Tensor, tf.oneHot([0, 1], 2))))(x),
        ),
      );
      expectArraysClose(attributions, expected, 1e-5); // same float32 derivative, written out by hand
      [x, attributions, delta!, expected].forEach((t) => t.dispose());
    },
  );

  it('sums to f(x) − f(x0) with tanh and average pooling (smoothCnn)', () => {
    const model = smoothCnn(55);
    const x = randomInputs(3, [8, 8, 1], 56);
    const { attributions, delta } = deepLift.attribute(model, x, { targets: [0, 1, 2], baselines: 'blur' });
    expect(Math.max(...[...delta!.dataSync()].map(Math.abs))).toBeLessThan(1e-4);
    [x, attributions, delta!].forEach((t) => t.dispose());
  });

  it('gives the same result in chunks of one pair, and leaks no tensor', () => {
    const model = smallCnn(61);
    const x = randomInputs(3, [8, 8, 1], 62);
    const whole = deepLift.attribute(model, x, { targets: [0, 1, 3] });
    const before = tf.memory().numTensors;
    const chunked = deepLift.attribute(model, x, { targets: [0, 1, 3], internalBatchSize: 1 });
    expect(tf.memory().numTensors).toBe(before + 2);
    expectArraysClose(chunked.attributions, whole.attributions, 1e-6);
    expectArraysClose(chunked.delta!, whole.delta!, 1e-6);
    [x, whole.attributions, whole.delta!, chunked.attributions, chunked.delta!].forEach((t) => t.dispose());
  });

  it.each([
    [
      'a negative eps',
      { targets: 0, eps: -1 },
      'deeplift: options.eps must be a finite number >= 0; got -1.',
    ],
    [
      'a NaN eps',
      { targets: 0, eps: Number.NaN },
      'deeplift: options.eps must be a finite number >= 0; got NaN.',
    ],
    [
      'a baseline of the wrong shape',
      { targets: 0, baselines: 'shape' },
      'deeplift: the baseline has shape [2, 8, 8, 1]; it must be [1 or n, 8, 8, 1] (inputs are [3, 8, 8, 1]).',
    ],
    [
      'an unknown baseline',
      { targets: 0, baselines: 'ones' },
      "deeplift: options.baseline must be one of 'zeros', 'mean', 'blur', 'uniform'; got \"ones\".",
    ],
    [
      'a bad internal batch size',
      { targets: 0, internalBatchSize: 0 },
      'deeplift: options.internalBatchSize must be a positive integer; got 0.',
    ],
  ])('rejects %s with a message naming it, leaking nothing', (_, options, message) => {
    const model = smallCnn(71);
    const x = randomInputs(3, [8, 8, 1], 72);
    const wrong = tf.zeros([2, 8, 8, 1]);
    const given =
      (options as { baselines?: unknown }).baselines === 'shape' ? { ...options, baselines: wrong } : options;
    const before = tf.memory().numTensors;
    expect(() => deepLift.attribute(model, x, given as never)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    [x, wrong].forEach((t) => t.dispose());
  });

  it("passes on the executor's message for an activation it cannot hook, leaking nothing", () => {
    const model = oneUnitNet('softsign');
    const x = scalar(2);
    const call = () => deepLift.attribute(model, x, { targets: 0 });
    expect(call).toThrow(); // the first call builds the model's adapter (its cached tensors stay)
    const before = tf.memory().numTensors;
    expect(call).toThrow(
      "ModelAdapter.execute: layer 'unit' (Dense, activation 'softsign') cannot take a modified backward rule",
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
