import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { gaussianBlur } from '../baselines/gaussian-blur.js';
import type { AttributionMethod } from '../core/method.js';
import { saliency } from '../gradient/saliency.js';
import { linearModel, randomInputs, setupBackend, smallCnn, weightColumn } from '../test-models.js';
import { completeness } from './completeness.js';

beforeAll(setupBackend);

/** Gradient × (x − 0) with a delta it reports itself: what a method with `hasConvergenceDelta` returns. */
const gradientTimesInput: AttributionMethod = {
  name: 'gradientTimesInput',
  info: { ...saliency.info, description: 'x ⊙ ∂f/∂x.', multipliesByInputs: true, hasConvergenceDelta: true },
  attribute(model, inputs, options) {
    const { attributions: g } = saliency.attribute(model, inputs, options);
    const attributions = tf.mul(g, inputs);
    g.dispose();
    return { attributions, delta: tf.fill([inputs.shape[0]!], 0.25) as tf.Tensor1D };
  },
};

describe('completeness', () => {
  it('is 0 for w ⊙ (x − b) on a linear logit (zeros and blur baselines), Σw − wᵀx for w itself', () => {
    const fixture = linearModel([3, 3, 2], 3, 81);
    const x = randomInputs(2, [3, 3, 2], 82);
    const w = tf.tensor4d(weightColumn(fixture, 1), [1, 3, 3, 2]);
    const options = { targets: 1 } as const;
    const zeros = completeness(fixture.model, x, tf.mul(w, x), options);
    // Float32 sums of 18 products of values ≤ 1, and logits of order 1: ≈ 1e-7 (measured ≤ 1.8e-7).
    expectArraysClose(zeros.delta, [0, 0], 2e-6);
    const blurred = gaussianBlur(x, 1);
    const phiBlur = tf.mul(w, tf.sub(x, blurred));
    const blur = completeness(fixture.model, x, phiBlur, {
      ...options,
      baseline: 'blur',
      baselineOptions: { blurSigma: 1 },
    });
    expectArraysClose(blur.delta, [0, 0], 2e-6);
    const wx = tf.sum(tf.reshape(tf.mul(w, x), [2, -1]), 1).dataSync();
    const sw = weightColumn(fixture, 1).reduce((s, v) => s + v, 0);
    const plain = completeness(fixture.model, x, tf.tile(w, [2, 1, 1, 1]), options);
    expectArraysClose(plain.difference, wx, 2e-6);
    expectArraysClose(
      plain.delta,
      Array.from(wx, (v) => sw - v),
      2e-6,
    );
    expect(plain.reported).toBeUndefined();
    [x, w, blurred, phiBlur].forEach((t) => t.dispose());
  });

  it("returns a method's own delta beside the computed one, and leaks nothing", () => {
    const fixture = linearModel([3, 3, 2], 2, 83);
    const x = randomInputs(3, [3, 3, 2], 84);
    const before = tf.memory().numTensors;
    const result = completeness(fixture.model, x, gradientTimesInput, { targets: [0, 1, 0] });
    expect(tf.memory().numTensors).toBe(before);
    expectArraysClose(result.reported!, [0.25, 0.25, 0.25], 0);
    expectArraysClose(result.delta, [0, 0, 0], 2e-6);
    // A function explainer is not asked for a delta.
    const fnForm = completeness(
      fixture.model,
      x,
      (v, m) => gradientTimesInput.attribute(m, v, { targets: [0, 1, 0] }).attributions,
      {
        targets: [0, 1, 0],
      },
    );
    expect(fnForm.reported).toBeUndefined();
    x.dispose();
  });

  it('gives a ReLU net saliency a nonzero delta (saliency is not complete)', () => {
    const model = smallCnn(85);
    const x = randomInputs(2, [8, 8, 1], 86);
    const { delta, difference } = completeness(model, x, saliency, { targets: 2 });
    for (let i = 0; i < 2; i++) expect(Math.abs(delta[i]!)).toBeGreaterThan(1e-3 * Math.abs(difference[i]!));
    x.dispose();
  });

  it.each([
    [
      'an unknown baseline',
      { targets: 0, baseline: 'grey' },
      "completeness: options.baseline must be one of 'zeros', 'mean', 'blur', 'uniform'; got \"grey\".",
    ],
    [
      'too many targets',
      { targets: [0, 1] },
      'completeness: targets lists 2 targets for 1 inputs; give one target for all or exactly 1.',
    ],
  ])('rejects %s, leaking nothing', (_, options, message) => {
    const model = smallCnn(87);
    const x = randomInputs(1, [8, 8, 1], 88);
    const before = tf.memory().numTensors;
    expect(() => completeness(model, x, gradientTimesInput, options as never)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
