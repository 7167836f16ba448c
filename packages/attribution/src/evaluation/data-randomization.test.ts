import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttributionMethod } from '../core/method.js';
import { saliency } from '../gradient/saliency.js';
import { randomInputs, setupBackend, smallCnn } from '../test-models.js';
import { dataRandomization } from './data-randomization.js';

beforeAll(setupBackend);

const inputItself: AttributionMethod = {
  name: 'inputItself',
  info: { ...saliency.info, description: 'The input itself.' },
  attribute: (_model, inputs) => ({ attributions: tf.clone(inputs) }),
};

describe('dataRandomization', () => {
  it('is 1 against the same model, low against an unrelated one, and flags a model-blind method', () => {
    const [model, other] = [smallCnn(21), smallCnn(22)];
    const x = randomInputs(3, [8, 8, 1], 23);
    const before = tf.memory().numTensors;
    const same = dataRandomization(model, model, x, saliency, { targets: [0, 1, 2] });
    const diff = dataRandomization(model, other, x, saliency, { targets: [0, 1, 2] });
    const blind = dataRandomization(model, other, x, inputItself, { targets: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(same.similarity.meanRankAbs).toBeCloseTo(1, 6);
    expect(same.passes).toBe(false);
    expect(diff.similarity.meanRankAbs).toBeLessThan(0.5);
    expect(diff.similarity.rank).toHaveLength(3);
    expect(diff.passes).toBe(true);
    expect(blind.similarity.meanRankAbs).toBeCloseTo(1, 6);
    expect(blind.similarity.meanSsim).toBeCloseTo(1, 5);
    expect(blind.passes).toBe(false);
    x.dispose();
  });

  it('checks the inputs against both models, leaking nothing', () => {
    const [model, wide] = [smallCnn(1), smallCnn(2, 2)];
    const x = tf.zeros([1, 8, 8, 1]);
    const before = tf.memory().numTensors;
    expect(() => dataRandomization(model, wide, x, saliency, { targets: 0 })).toThrow(
      'dataRandomization: inputs must be [n, 8, 8, 2] for this model; got [1, 8, 8, 1].',
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
