import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearModel, randomInputs, setupBackend, smallCnn, weightColumn } from '../test-models.js';
import { inputXGradient } from './input-x-gradient.js';
import { saliency } from './saliency.js';

beforeAll(setupBackend);

describe('inputXGradient', () => {
  it('is w ⊙ x on a linear model (closed form), per input and target', () => {
    const fixture = linearModel([3, 3, 2], 4, 21);
    const x = randomInputs(2, [3, 3, 2], 22);
    const { attributions } = inputXGradient.attribute(fixture.model, x, { targets: [1, 3] });
    const xs = x.dataSync();
    const expected = [
      ...weightColumn(fixture, 1).map((w, i) => w * xs[i]!),
      ...weightColumn(fixture, 3).map((w, i) => w * xs[18 + i]!),
    ];
    // One float32 product per entry: relative rounding 6e-8.
    expectArraysClose(attributions, expected, 1e-6);
    expect(attributions.shape).toEqual([2, 3, 3, 2]);
    [x, attributions].forEach((t) => t.dispose());
  });

  it('is the input times saliency on a CNN, in chunks of one row, leaking nothing', () => {
    const model = smallCnn(23);
    const x = randomInputs(3, [8, 8, 1], 24);
    const grad = saliency.attribute(model, x, { targets: [0, 2, 3] }).attributions;
    const before = tf.memory().numTensors;
    const { attributions } = inputXGradient.attribute(model, x, { targets: [0, 2, 3], internalBatchSize: 1 });
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(() => inputXGradient.attribute(model, x, { targets: [0] })).toThrow(
      'input-x-gradient: targets lists 1 targets for 3 inputs; give one target for all or exactly 3.',
    );
    expect(tf.memory().numTensors).toBe(before + 1);
    const expected = tf.mul(x, grad);
    expectArraysClose(attributions, expected, 1e-6);
    [x, grad, attributions, expected].forEach((t) => t.dispose());
  });
});
