import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDigits, tinyCnn, tinyLr, useCpu } from '../test-live-helpers.js';
import { createLiveFunction } from './create-live-function.js';

describe('createLiveFunction (real tfjs model)', () => {
  beforeAll(useCpu);

  it('returns the CNN probabilities, per-channel mean activations and x·W + b, and leaks no tensor', async () => {
    const cnn = tinyCnn();
    const { w, b, wArr, bArr } = tinyLr();
    const live = createLiveFunction({ cnn, lrWeights: w, lrBias: b });
    const x = syntheticDigits(3).get(2).pixels;
    await live(x); // warm-up (kernels, weights)
    const before = tf.memory().numTensors;
    const r = await live(x);
    expect(tf.memory().numTensors).toBe(before);

    // Probabilities: the model's own predict.
    const expected = tf.tidy(() => (cnn.predict(tf.tensor(x, [1, 28, 28, 1])) as tf.Tensor).dataSync());
    expect(r.probabilities).toHaveLength(10);
    r.probabilities.forEach((p, k) => expect(p).toBeCloseTo(expected[k] ?? NaN, 6));
    expect(r.probabilities.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);

    // Activations: the conv layer applied eagerly, averaged over height and width in plain JS.
    expect(r.activations.map((a) => a.layer)).toEqual(['conv']);
    const conv = tf.tidy(() =>
      (cnn.getLayer('conv').apply(tf.tensor(x, [1, 28, 28, 1])) as tf.Tensor).dataSync(),
    );
    const channels = 4;
    const means = Array.from({ length: channels }, (_, ch) => {
      let s = 0;
      for (let i = ch; i < conv.length; i += channels) s += conv[i] ?? 0;
      return s / (conv.length / channels);
    });
    r.activations[0]!.values.forEach((v, ch) => expect(v).toBeCloseTo(means[ch]!, 5));

    // LR scores: the dot product in double precision.
    for (let k = 0; k < 10; k++) {
      let s = bArr[k]!;
      for (let i = 0; i < 784; i++) s += x[i]! * wArr[i * 10 + k]!;
      expect(r.lrScores[k]).toBeCloseTo(s, 4);
    }
    tf.dispose([w, b]);
    cnn.dispose();
  });

  it('rejects weights of the wrong shape', () => {
    const cnn = tinyCnn();
    const w = tf.zeros([10, 784]) as tf.Tensor2D;
    const b = tf.zeros([10]) as tf.Tensor1D;
    expect(() => createLiveFunction({ cnn, lrWeights: w, lrBias: b })).toThrow(
      'createLiveFunction: models.lrWeights / lrBias must be [784, 10] and [10]',
    );
    tf.dispose([w, b]);
    cnn.dispose();
  });
});
