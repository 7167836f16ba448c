import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomValues, referenceAdapter, setupBackend, smallRgbNet } from '../test-models.js';
import { channel } from '../objectives/channel.js';
import { classLogit } from '../objectives/class-logit.js';
import { neuron } from '../objectives/neuron.js';
import { ModelAdapter } from '@openbox/runtime';
import { receptiveField } from './receptive-field.js';
import { MIN_TEST_ACCURACY } from './reference-cnn.js';
import { loadReferenceCnn } from './reference-cnn.js';

let adapter: ModelAdapter;
beforeAll(async () => {
  await setupBackend();
  adapter = (await referenceAdapter()).adapter;
});

describe('the reference CNN', () => {
  it(`is cached with a test accuracy >= ${MIN_TEST_ACCURACY} that re-measures the same on load`, async () => {
    const { meta, fromCache } = await loadReferenceCnn();
    expect(fromCache).toBe(true);
    expect(meta.testAccuracy).toBeGreaterThanOrEqual(MIN_TEST_ACCURACY);
  });
});

describe('ModelAdapter', () => {
  it('lists layers with output shapes', () => {
    expect(adapter.layers().map((l) => [l.name, l.outputShape])).toEqual([
      ['conv1', [null, 24, 24, 16]],
      ['pool1', [null, 12, 12, 16]],
      ['conv2', [null, 8, 8, 32]],
      ['pool2', [null, 4, 4, 32]],
      ['flatten', [null, 512]],
      ['probs', [null, 10]],
    ]);
  });
  it('returns several layers in one pass, equal to separate passes, and logits whose softmax is the output', () => {
    const x = tf.tensor4d(
      randomValues(3 * 784, 1).map((v) => Math.abs(v) / 3),
      [3, 28, 28, 1],
    );
    tf.tidy(() => {
      const both = adapter.activations(x, ['conv2', 'logits']);
      const conv2 = adapter.activations(x, ['conv2']).conv2!;
      expect(tf.max(tf.abs(tf.sub(both.conv2!, conv2))).dataSync()[0]).toBeLessThan(1e-6);
      const probs = adapter.model.predict(x) as tf.Tensor;
      expect(tf.max(tf.abs(tf.sub(tf.softmax(both.logits!), probs))).dataSync()[0]).toBeLessThan(1e-5);
    });
    x.dispose();
  });
  it('recovers logits from a final softmax Activation layer and from a functional model', () => {
    const input = tfl.input({ shape: [6, 6, 3] });
    const flat = tfl.layers.flatten().apply(input) as tfl.SymbolicTensor;
    const dense = tfl.layers.dense({ units: 4, name: 'scores' }).apply(flat) as tfl.SymbolicTensor;
    const out = tfl.layers
      .activation({ activation: 'softmax', name: 'soft' })
      .apply(dense) as tfl.SymbolicTensor;
    const functional = new ModelAdapter(tfl.model({ inputs: input, outputs: out }));
    const x = tf.tensor4d(randomValues(2 * 108, 4), [2, 6, 6, 3]);
    tf.tidy(() => {
      const acts = functional.activations(x, ['scores', 'logits']);
      expect(tf.max(tf.abs(tf.sub(acts.scores!, acts.logits!))).dataSync()[0]).toBe(0);
    });
    x.dispose();
    expect(functional.inputShape).toEqual([6, 6, 3]);
  });
  it('gives pre-activations (conv2:pre) whose ReLU is the layer output', () => {
    const x = tf.tensor4d(
      randomValues(2 * 784, 9).map((v) => Math.abs(v) / 3),
      [2, 28, 28, 1],
    );
    tf.tidy(() => {
      const acts = adapter.activations(x, ['conv2', 'conv2:pre']);
      expect(tf.max(tf.abs(tf.sub(tf.relu(acts['conv2:pre']!), acts.conv2!))).dataSync()[0]).toBeLessThan(
        1e-5,
      );
      expect(tf.min(acts['conv2:pre']!).dataSync()[0]).toBeLessThan(0);
    });
    x.dispose();
    expect(() => adapter.layer('pool1:pre', 'test')).toThrow(
      "test: 'pool1:pre' asks for a pre-activation, which exists only for Dense and Conv2D layers; this layer is MaxPooling2D.",
    );
  });
  it('names what exists for unknown layers, out-of-range channels and positions', () => {
    expect(() => channel('conv9', 0).validate(adapter)).toThrow(
      "channel: unknown layer 'conv9'. Layers in this model: conv1, pool1, conv2, pool2, flatten, probs (plus 'input' and 'logits').",
    );
    expect(() => channel('conv2', 32).validate(adapter)).toThrow(
      "channel: channel 32 is out of range for layer 'conv2', which has channels 0..31 (32 in all).",
    );
    expect(() => classLogit(10).validate(adapter)).toThrow(
      "classLogit: channel 10 is out of range for layer 'logits', which has channels 0..9",
    );
    expect(() => neuron('conv2', 0, { x: 8, y: 0 }).validate(adapter)).toThrow(
      "neuron: position (x=8, y=0) is outside layer 'conv2', whose positions are x 0..7, y 0..7.",
    );
  });
  it('computes receptive fields through conv and pool layers', () => {
    expect(receptiveField(adapter, 'conv1', 0, 0)).toEqual({ y0: 0, x0: 0, y1: 5, x1: 5 });
    expect(receptiveField(adapter, 'pool1', 1, 2)).toEqual({ y0: 2, x0: 4, y1: 8, x1: 10 });
    expect(receptiveField(adapter, 'conv2', 3, 3)).toEqual({ y0: 6, x0: 6, y1: 20, x1: 20 }); // 5 + 1 + 4·2 = 14 px
    expect(receptiveField(new ModelAdapter(smallRgbNet(32, 0)), 'conv2', 0, 0)).toEqual({
      y0: 0,
      x0: 0,
      y1: 9,
      x1: 9,
    }); // 5 + 2·2
  });
});

describe('ModelAdapter.activations frees everything it made once the caller disposes what it returned', () => {
  let small: ModelAdapter;
  beforeAll(() => {
    small = new ModelAdapter(smallRgbNet(16, 3));
  });
  it.each([
    ['a plain conv layer', ['conv2']],
    ['a pre-activation', ['conv2:pre']],
    ['the pre-activation of the first layer (its input is the image)', ['conv1:pre']],
    ['the logits behind a softmax Dense layer', ['logits']],
    ['the softmax output', ['probs']],
    ['several at once, sharing sources', ['conv1', 'conv2:pre', 'conv2', 'logits']],
    ['the input with a layer', ['input', 'conv2:pre']],
  ])('%s: numTensors is the same before and after 5 calls', (_case, names) => {
    const x = tf.tensor4d(randomValues(2 * 16 * 16 * 3, 11), [2, 16, 16, 3]);
    const call = () => {
      const acts = small.activations(x, names);
      expect(Object.keys(acts).sort()).toEqual([...names].sort());
      tf.dispose(
        Object.entries(acts)
          .filter(([name]) => name !== 'input')
          .map(([, t]) => t),
      );
    };
    call(); // builds and caches the sub-model
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) call();
    expect(tf.memory().numTensors).toBe(before);
    expect(x.isDisposed).toBe(false);
    x.dispose();
  });
  it('the values survive the cleanup: logits still give the softmax output, conv1:pre still has its ReLU', () => {
    const x = tf.tensor4d(randomValues(2 * 16 * 16 * 3, 12), [2, 16, 16, 3]);
    const before = tf.memory().numTensors;
    const acts = small.activations(x, ['conv1', 'conv1:pre', 'logits']);
    const probs = small.model.predict(x) as tf.Tensor;
    const softmax = tf.softmax(acts.logits!);
    const relu = tf.relu(acts['conv1:pre']!);
    // Measured: bit-identical here (the same kernels on the same values); 1e-7 (≈ 1 float32 ulp at 1) leaves room
    // for a backend that fuses the activation into its layer.
    expectArraysClose(softmax.dataSync(), probs.dataSync(), 1e-7, 'softmax(logits) vs the output');
    expectArraysClose(relu.dataSync(), acts.conv1!.dataSync(), 1e-7, 'relu(conv1:pre) vs conv1');
    tf.dispose([softmax, relu]);
    tf.dispose([...Object.values(acts), probs]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
