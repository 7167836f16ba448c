import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomInputs, setupBackend, smoothCnn } from '../test-models.js';
import { neuronIntegratedGradients } from './neuron-integrated-gradients.js';
import { twoLayerLinear } from './test-layer-models.js';

beforeAll(setupBackend);

describe('neuron-integrated-gradients', () => {
  it('is x ⊙ W1[:, j] for a linear hidden unit j (closed form, zero baseline)', () => {
    const f = twoLayerLinear(91);
    const x = randomInputs(2, [3, 3, 2], 92);
    const targets = [
      { layer: 'hidden', channel: 3 },
      { layer: 'hidden', channel: 0 },
    ];
    const { attributions, delta } = neuronIntegratedGradients.attribute(f.model, x, { targets, steps: 4 });
    const xs = x.dataSync();
    const expected = [3, 0].flatMap((j, r) =>
      Array.from({ length: 18 }, (_, i) => xs[r * 18 + i]! * f.w1[i * f.hidden + j]!),
    );
    // float32 products; any rule is exact for a constant gradient.
    expectArraysClose(attributions, expected, 1e-6);
    expectArraysClose(delta!, [0, 0], 1e-5);
    [x, attributions, delta!].forEach((t) => t.dispose());
  });

  it('is complete for a tanh neuron of a smooth CNN (Gauss–Legendre, 32 steps) and leaks nothing', () => {
    const model = smoothCnn(93);
    const x = randomInputs(2, [8, 8, 1], 94);
    const options = { targets: { layer: 'conv1', channel: 2, y: 3, x: 3 }, steps: 32 };
    const first = neuronIntegratedGradients.attribute(model, x, options);
    const before = tf.memory().numTensors;
    const again = neuronIntegratedGradients.attribute(model, x, options);
    expect(tf.memory().numTensors).toBe(before + 2);
    // A 1-D smooth integrand: Gauss–Legendre converges to float32 rounding.
    expectArraysClose(first.delta!, [0, 0], 1e-5);
    expect(() => neuronIntegratedGradients.attribute(model, x, { targets: 0 })).toThrow(
      "neuron-integrated-gradients: the method 'neuron-integrated-gradients' attributes a unit inside the net; give targets as { layer, channel, y?, x? }.",
    );
    expect(tf.memory().numTensors).toBe(before + 2);
    [x, ...Object.values(first), ...Object.values(again)].forEach((t) => (t as tf.Tensor).dispose());
  });

  it('words its own errors: a bad step count names neuron-integrated-gradients, not integrated-gradients', () => {
    const x = tf.zeros([1, 8, 8, 1]);
    expect(() =>
      neuronIntegratedGradients.attribute(smoothCnn(2), x, {
        targets: { layer: 'conv1', channel: 0 },
        steps: 0,
      }),
    ).toThrow('neuron-integrated-gradients: options.steps must be an integer from 1 to 10000; got 0.');
    x.dispose();
  });
});
