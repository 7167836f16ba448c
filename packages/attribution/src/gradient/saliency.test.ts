import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdapter } from '../core/prepare.js';
import {
  finiteDifferences,
  linearModel,
  randomInputs,
  setupBackend,
  smallCnn,
  smoothCnn,
  weightColumn,
} from '../test-models.js';
import { saliency } from './saliency.js';

beforeAll(setupBackend);

describe('saliency', () => {
  it('is the weight column of the target class on a linear model (closed form), per input', () => {
    const fixture = linearModel([3, 3, 2], 4, 11);
    const x = randomInputs(2, [3, 3, 2], 1);
    const { attributions } = saliency.attribute(fixture.model, x, { targets: [2, 0] });
    const data = attributions.dataSync();
    expectArraysClose(data.subarray(0, 18), weightColumn(fixture, 2), 1e-6);
    expectArraysClose(data.subarray(18), weightColumn(fixture, 0), 1e-6);
    expect(attributions.shape).toEqual([2, 3, 3, 2]);
    [x, attributions].forEach((t) => t.dispose());
  });

  it("with output 'model' is the gradient of the softmax probability (finite differences, smooth net)", () => {
    const model = smoothCnn(3);
    const x = randomInputs(1, [8, 8, 1], 2);
    const { attributions } = saliency.attribute(model, x, { targets: 1, output: 'model' });
    const fd = finiteDifferences((v) => (model.predict(v) as tf.Tensor).dataSync()[1]!, x, 1e-2);
    // Central differences on a tanh net in float32: O(h²) ≈ 1e-4 of the scale, rounding 6e-8 / 1e-2 ≈ 1e-5.
    expectArraysClose(attributions, fd, 2e-3);
    [x, attributions].forEach((t) => t.dispose());
  });

  it('attributes a neuron and a channel inside the net (finite differences on the adapter)', () => {
    const model = smoothCnn(4);
    const adapter = asAdapter(model);
    const x = randomInputs(2, [8, 8, 1], 3);
    const targets = [
      { layer: 'conv1', channel: 2, y: 3, x: 1 },
      { layer: 'pool', channel: 1 },
    ];
    const { attributions } = saliency.attribute(adapter, x, { targets });
    const neuron = (v: tf.Tensor4D) =>
      (adapter.activations(v, ['conv1'])['conv1']! as tf.Tensor4D).arraySync()[0]![3]![1]![2]!;
    const channel = (v: tf.Tensor4D) =>
      tf
        .mean(tf.slice(adapter.activations(v, ['pool'])['pool']!, [1, 0, 0, 1], [1, -1, -1, 1]))
        .dataSync()[0]!;
    const fd = [...finiteDifferences(neuron, x), ...finiteDifferences(channel, x)];
    const data = attributions.dataSync();
    expectArraysClose(data.subarray(0, 64), fd.slice(0, 64), 2e-3);
    expectArraysClose(data.subarray(64), fd.slice(128 + 64), 2e-3);
    [x, attributions].forEach((t) => t.dispose());
  });

  it('gives the same result in chunks of one row, takes |gradient| with abs, and leaks no tensor', () => {
    const model = smallCnn(5);
    const x = randomInputs(3, [8, 8, 1], 4);
    const whole = saliency.attribute(model, x, { targets: [0, 1, 3] }).attributions;
    const before = tf.memory().numTensors;
    const chunked = saliency.attribute(model, x, {
      targets: [0, 1, 3],
      internalBatchSize: 1,
      abs: true,
    }).attributions;
    expect(tf.memory().numTensors).toBe(before + 1);
    const absWhole = tf.abs(whole);
    expectArraysClose(chunked, absWhole, 1e-6);
    [x, whole, chunked, absWhole].forEach((t) => t.dispose());
  });

  it.each([
    [
      'too few targets',
      { targets: [1, 2] },
      'saliency: targets lists 2 targets for 3 inputs; give one target for all or exactly 3.',
    ],
    [
      'a class out of range',
      { targets: 4 },
      "saliency: target 4 is not a class of 'logits', which has classes 0..3.",
    ],
    [
      'a fractional class',
      { targets: 1.5 },
      "saliency: target 1.5 is not a class of 'logits', which has classes 0..3.",
    ],
    ['an unknown layer', { targets: { layer: 'nope', channel: 0 } }, "saliency: unknown layer 'nope'."],
    [
      'y without x',
      { targets: { layer: 'conv1', channel: 0, y: 1 } },
      'saliency: a target gives y without x or x without y; give both or neither.',
    ],
    [
      'a bad internal batch size',
      { targets: 0, internalBatchSize: 0 },
      'saliency: options.internalBatchSize must be a positive integer; got 0.',
    ],
    [
      'an unknown output space',
      { targets: 0, output: 'probs' },
      "saliency: options.output must be one of 'logits', 'model'; got \"probs\".",
    ],
  ])('rejects %s with a message naming it, leaking nothing', (_, options, message) => {
    const model = smallCnn(6);
    const x = randomInputs(3, [8, 8, 1], 5);
    const before = tf.memory().numTensors;
    expect(() => saliency.attribute(model, x, options as never)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('rejects inputs of the wrong shape and non-finite inputs', () => {
    const model = smallCnn(7);
    const wrong = tf.zeros([1, 8, 8, 3]);
    expect(() => saliency.attribute(model, wrong, { targets: 0 })).toThrow(
      'saliency: inputs must be [n, 8, 8, 1] for this model; got [1, 8, 8, 3].',
    );
    const nan = tf.fill([1, 8, 8, 1], Number.NaN);
    expect(() => saliency.attribute(model, nan, { targets: 0 })).toThrow(
      'saliency: inputs contain NaN or ±Infinity; attributions of such inputs are meaningless.',
    );
    [wrong, nan].forEach((t) => t.dispose());
  });
});

describe('saliency of a one-unit output', () => {
  it('is the weights of a single linear logit (a regression head has no one-hot of depth 1)', () => {
    const fixture = linearModel([2, 2, 1], 1, 21);
    const x = randomInputs(2, [2, 2, 1], 8);
    // A one-unit softmax is constantly 1 (its gradient is 0); its logit is the linear unit.
    const { attributions } = saliency.attribute(fixture.model, x, { targets: 0 });
    const column = weightColumn(fixture, 0);
    expectArraysClose(attributions, [...column, ...column], 1e-6);
    [x, attributions].forEach((t) => t.dispose());
  });
});
