import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { linearUnitModel, setupBackend } from '../test-models.js';
import { filterOf, firstConvKernels } from './first-conv.js';
import { HAND_FILTERS, handConvModel } from './test-hand-conv.js';

beforeAll(setupBackend);

describe('firstConvKernels / filterOf on a hand-set 2×3×3×4 conv behind another layer', () => {
  it('finds the Conv2D (not the first layer), copies its kernel and bias, and filterOf reads [kh, kw, cin] per filter', () => {
    const before = tf.memory().numTensors;
    const model = handConvModel(HAND_FILTERS, 2, 3, 3, [0.5, -1, 2, 0.25]);
    const k = firstConvKernels(model);
    expect(k.layer).toBe('hand');
    expect(k.shape).toEqual([2, 3, 3, 4]);
    // Copies of float32 values: tolerance 0.
    expectArraysClose(k.bias!, [0.5, -1, 2, 0.25], 0, 'bias');
    HAND_FILTERS.forEach((w, f) => expectArraysClose(filterOf(k, f), Float32Array.from(w), 0, `filter ${f}`));
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a conv without bias gives bias undefined', () => {
    const model = handConvModel(HAND_FILTERS, 2, 3, 3);
    expect(firstConvKernels(model).bias).toBeUndefined();
    model.dispose();
  });

  it('a model without Conv2D throws, naming the caller (default firstConvKernels) and the layers', () => {
    const model = linearUnitModel(new Float32Array(4), 2, 2, 1);
    expect(() => firstConvKernels(model)).toThrow(
      'firstConvKernels: the model has no Conv2D layer. Layers: flat, unit.',
    );
    expect(() => firstConvKernels(model, 'somebody')).toThrow(
      'somebody: the model has no Conv2D layer. Layers: flat, unit.',
    );
    model.dispose();
  });
});
