import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdapter } from '../core/prepare.js';
import { finiteDifferences, randomInputs, setupBackend, smoothCnn } from '../test-models.js';
import { neuronGradient } from './neuron-gradient.js';

beforeAll(setupBackend);

describe('neuron-gradient', () => {
  it('is ∂u/∂x for a neuron and for a channel mean (finite differences, smooth net)', () => {
    const model = smoothCnn(81);
    const adapter = asAdapter(model);
    const x = randomInputs(2, [8, 8, 1], 82);
    const targets = [
      { layer: 'conv1', channel: 3, y: 2, x: 4 },
      { layer: 'pool', channel: 0 },
    ];
    const { attributions } = neuronGradient.attribute(model, x, { targets });
    expect(attributions.shape).toEqual([2, 8, 8, 1]);
    const neuron = (v: tf.Tensor4D) =>
      (adapter.activations(v, ['conv1'])['conv1']! as tf.Tensor4D).arraySync()[0]![2]![4]![3]!;
    const channel = (v: tf.Tensor4D) =>
      tf
        .mean(tf.slice(adapter.activations(v, ['pool'])['pool']!, [1, 0, 0, 0], [1, -1, -1, 1]))
        .dataSync()[0]!;
    const fd = [...finiteDifferences(neuron, x), ...finiteDifferences(channel, x)];
    const data = attributions.dataSync();
    // Central differences of tanh units in float32: O(h²) ≈ 1e-4 plus rounding / h ≈ 1e-5.
    expectArraysClose(data.subarray(0, 64), fd.slice(0, 64), 1e-3);
    expectArraysClose(data.subarray(64), fd.slice(128 + 64), 1e-3);
    [x, attributions].forEach((t) => t.dispose());
  });

  it.each([
    ['a class target', 2],
    ['a list holding a class target', [{ layer: 'conv1', channel: 0 }, 1]],
  ])('rejects %s with needsUnitTarget, leaking nothing; chunks agree', (_, targets) => {
    const model = smoothCnn(83);
    const x = randomInputs(2, [8, 8, 1], 84);
    const unit = { layer: 'conv1', channel: 1, y: 0, x: 5 };
    const whole = neuronGradient.attribute(model, x, { targets: unit }).attributions;
    const before = tf.memory().numTensors;
    const chunked = neuronGradient.attribute(model, x, { targets: unit, internalBatchSize: 1 }).attributions;
    expectArraysClose(chunked, whole, 1e-6);
    expect(() => neuronGradient.attribute(model, x, { targets } as never)).toThrow(
      "neuron-gradient: the method 'neuron-gradient' attributes a unit inside the net; give targets as { layer, channel, y?, x? }.",
    );
    expect(tf.memory().numTensors).toBe(before + 1);
    [x, whole, chunked].forEach((t) => t.dispose());
  });
});
