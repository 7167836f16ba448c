import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomInputs, setupBackend, smallCnn } from '../test-models.js';
import { twoLayerLinear } from './test-layer-models.js';
import { layerGradientXActivation } from './layer-gradient-x-activation.js';

beforeAll(setupBackend);

describe('layer-gradient-x-activation', () => {
  it("is hidden ⊙ W2[:, t] on a linear model's hidden layer (closed form), and sums to logit − b2", () => {
    const f = twoLayerLinear(51);
    const x = randomInputs(2, [3, 3, 2], 52);
    const { attributions } = layerGradientXActivation.attribute(f.model, x, {
      targets: [2, 0],
      layer: 'hidden',
    });
    expect(attributions.shape).toEqual([2, 5]);
    const xs = x.dataSync();
    const data = attributions.dataSync();
    [2, 0].forEach((t, r) => {
      const h = f.hiddenOf(xs.subarray(r * 18, (r + 1) * 18));
      const expected = h.map((v, j) => v * f.w2[j * f.classes + t]!);
      // float32 forward pass of 18-term sums of O(1) values.
      expectArraysClose(data.subarray(r * 5, (r + 1) * 5), expected, 1e-5);
    });
    [x, attributions].forEach((t) => t.dispose());
  });

  it('is x ⊙ (W1 W2)[:, t] on the flatten layer, and the gradient alone without multiplying', () => {
    const f = twoLayerLinear(53);
    const x = randomInputs(1, [3, 3, 2], 54);
    const product = layerGradientXActivation.attribute(f.model, x, {
      targets: 1,
      layer: 'flat',
    }).attributions;
    const gradient = layerGradientXActivation.attribute(f.model, x, {
      targets: 1,
      layer: 'flat',
      multiplyByActivations: false,
    }).attributions;
    const column = Float64Array.from({ length: f.d }, (_, i) =>
      Array.from({ length: f.hidden }, (_, j) => f.w1[i * f.hidden + j]! * f.w2[j * f.classes + 1]!).reduce(
        (s, v) => s + v,
        0,
      ),
    );
    const xs = x.dataSync();
    expectArraysClose(gradient, column, 1e-5);
    expectArraysClose(
      product,
      column.map((c, i) => c * xs[i]!),
      1e-5,
    );
    [x, product, gradient].forEach((t) => t.dispose());
  });

  it('gives the same result in chunks of one row and leaks no tensor, also on an error', () => {
    const model = smallCnn(55);
    const x = randomInputs(3, [8, 8, 1], 56);
    const whole = layerGradientXActivation.attribute(model, x, {
      targets: [0, 1, 2],
      layer: 'pool',
    }).attributions;
    const before = tf.memory().numTensors;
    const chunked = layerGradientXActivation.attribute(model, x, {
      targets: [0, 1, 2],
      layer: 'pool',
      internalBatchSize: 1,
    }).attributions;
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(chunked.shape).toEqual([3, 3, 3, 4]);
    expectArraysClose(chunked, whole, 1e-6);
    expect(() => layerGradientXActivation.attribute(model, x, { targets: 0 } as never)).toThrow(
      "layer-gradient-x-activation: the method 'layer-gradient-x-activation' needs options.layer (a layer name).",
    );
    expect(tf.memory().numTensors).toBe(before + 1);
    [x, whole, chunked].forEach((t) => t.dispose());
  });
});
