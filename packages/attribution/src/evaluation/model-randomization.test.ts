import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttributionMethod } from '../core/method.js';
import { saliency } from '../gradient/saliency.js';
import { randomInputs, setupBackend, smallCnn } from '../test-models.js';
import { modelRandomization } from './model-randomization.js';

beforeAll(setupBackend);

/** Ignores the model: the input itself, as an edge detector would (Adebayo et al.'s control). */
const inputItself: AttributionMethod = {
  name: 'inputItself',
  info: { ...saliency.info, description: 'The input itself.' },
  attribute: (_model, inputs) => ({ attributions: tf.clone(inputs) }),
};

describe('modelRandomization', () => {
  it("drops saliency's rank correlation along the cascade (below 0.5 at the end), from 1 for the original", () => {
    const model = smallCnn(11);
    const x = randomInputs(4, [8, 8, 1], 12);
    const before = tf.memory().numTensors;
    const result = modelRandomization(model, x, saliency, { targets: [0, 1, 2, 3], seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.rows.map((r) => r.layer)).toEqual(['probs', 'conv2', 'conv1']);
    expect(result.reference.meanRankAbs).toBeCloseTo(1, 6);
    expect(result.reference.meanSsim).toBeCloseTo(1, 5);
    const last = result.rows[2]!;
    // Measured: ρ(|Φ|) 0.61, 0.62, 0.32 down the cascade; ρ(Φ) 0.29, 0.12, 0.01; SSIM 0.40, 0.37, 0.17.
    expect(last.meanRankAbs).toBeLessThan(0.5);
    expect(last.meanRankAbs).toBeLessThan(result.rows[0]!.meanRankAbs);
    expect(last.meanSsim).toBeLessThan(0.5);
    expect(last.rankAbs).toHaveLength(4);
    expect(result.summary).toEqual({
      finalRankAbs: last.meanRankAbs,
      finalSsim: last.meanSsim,
      threshold: 0.5,
      passes: true,
    });
    x.dispose();
  });

  it('flags a method that ignores the model: ρ = 1 and SSIM = 1 at every layer, passes false', () => {
    const model = smallCnn(13);
    const x = randomInputs(2, [8, 8, 1], 14);
    const result = modelRandomization(model, x, inputItself, { targets: 0, seed: 1 });
    for (const row of result.rows) {
      expect(row.meanRankAbs).toBeCloseTo(1, 6);
      expect(row.meanRank).toBeCloseTo(1, 6);
      expect(row.meanSsim).toBeCloseTo(1, 5);
    }
    expect(result.summary.passes).toBe(false);
    x.dispose();
  });

  it('gives the same rows for the same seed and different rows for another seed; a function works too', () => {
    const model = smallCnn(15);
    const x = randomInputs(2, [8, 8, 1], 16);
    const run = (seed: number) =>
      modelRandomization(model, x, saliency, { targets: [1, 2], seed }).rows.map((r) => r.meanRankAbs);
    const fnForm = modelRandomization(
      model,
      x,
      (inputs, m) => saliency.attribute(m, inputs, { targets: [1, 2] }).attributions,
      { targets: [1, 2], seed: 4 },
    );
    expect(run(4)).toEqual(run(4));
    expect(run(4)).not.toEqual(run(5));
    expect(fnForm.rows.map((r) => r.meanRankAbs)).toEqual(run(4));
    x.dispose();
  });

  it('disposes everything on an error (an explainer returning the wrong shape)', () => {
    const model = smallCnn(17);
    const x = randomInputs(1, [8, 8, 1], 18);
    const before = tf.memory().numTensors;
    expect(() => modelRandomization(model, x, (v) => tf.zeros([v.shape[0]!, 4]), { targets: 0 })).toThrow(
      'modelRandomization: the attributions have shape [1, 4]; they must have shape [1, 8, 8, 1].',
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
