import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdapter } from '../core/prepare.js';
import { linearModel, randomInputs, setupBackend, smallCnn, weightColumn } from '../test-models.js';
import { gridFeatureMask } from './feature-mask.js';
import { kernelShap } from './kernel-shap.js';
import { coalitionValues, exactShapley, maxError, perFeature, STRIPES } from './test-shapley.js';

beforeAll(setupBackend);

const GRID3 = Int32Array.from(
  { length: 64 },
  (_, p) => Math.floor(Math.floor(p / 8) / 3) * 3 + Math.floor((p % 8) / 3),
);

describe('kernel-shap', () => {
  it('with all 2^d − 2 coalitions equals exact Shapley values (float64 enumeration) on a small CNN, 6 features', () => {
    const model = smallCnn(51);
    const adapter = asAdapter(model);
    const x = randomInputs(2, [8, 8, 1], 52);
    const b = randomInputs(1, [8, 8, 1], 53);
    const mask = tf.tensor3d(STRIPES, [1, 8, 8], 'int32');
    const { attributions } = kernelShap.attribute(model, x, {
      targets: [1, 2],
      featureMask: mask,
      baselines: b,
      samples: 62,
    });
    const [xd, bd, ad] = [
      x.dataSync() as Float32Array,
      b.dataSync() as Float32Array,
      attributions.dataSync(),
    ];
    [1, 2].forEach((target, i) => {
      const exact = exactShapley(
        coalitionValues(adapter, xd.slice(i * 64, i * 64 + 64), bd, STRIPES, [8, 8, 1], target),
        6,
      );
      // Same float32 coalition values on both sides; the float64 solve adds ≈ 1e-8 (ridge) relative (measured 3e-9).
      expectArraysClose(perFeature(ad.slice(i * 64, i * 64 + 64), STRIPES, 1), exact, 1e-6);
    });
    [x, b, mask, attributions].forEach((t) => t.dispose());
  });

  it('is exact on a linear model from sampled coalitions: Σ_{i∈j} w_i (x_i − b_i) per feature', () => {
    const fixture = linearModel([8, 8, 1], 3, 54);
    const x = randomInputs(1, [8, 8, 1], 55);
    const mask = tf.tensor3d(GRID3, [1, 8, 8], 'int32');
    const { attributions } = kernelShap.attribute(fixture.model, x, {
      targets: 0,
      featureMask: mask,
      samples: 40,
      seed: 2,
    });
    const [wk, xd] = [weightColumn(fixture, 0), x.dataSync()];
    const phi = new Float64Array(9);
    GRID3.forEach((j, p) => (phi[j]! += wk[p]! * xd[p]!));
    // float32 logits, then a float64 fit of 40 rows with a 1e-8 ridge (measured 2e-7).
    expectArraysClose(perFeature(attributions.dataSync(), GRID3, 1), phi, 5e-6);
    [x, mask, attributions].forEach((t) => t.dispose());
  });

  it('from sampled coalitions approaches exact Shapley as samples grow (9 features), with efficiency exact', () => {
    const model = smallCnn(56);
    const adapter = asAdapter(model);
    const x = randomInputs(1, [8, 8, 1], 57);
    const mask = tf.tensor3d(GRID3, [1, 8, 8], 'int32');
    const values = coalitionValues(
      adapter,
      x.dataSync() as Float32Array,
      new Float32Array(64),
      GRID3,
      [8, 8, 1],
      3,
    );
    const exact = exactShapley(values, 9);
    const error = (samples: number) =>
      [1, 2, 3].reduce((sum, seed) => {
        const { attributions } = kernelShap.attribute(model, x, {
          targets: 3,
          featureMask: mask,
          samples,
          seed,
        });
        const phi = perFeature(attributions.dataSync(), GRID3, 1);
        attributions.dispose();
        // Efficiency is a constraint of the fit: exact up to float32 storage of φ (≈ 1e-7 of the values).
        expect(Math.abs(phi.reduce((a, v) => a + v, 0) - (values[511]! - values[0]!))).toBeLessThan(1e-5);
        return sum + maxError(phi, exact) / 3;
      }, 0);
    const [few, many] = [error(16), error(400)];
    // 25× the samples: the error should fall ≈ 5×; ask for 2× to stay robust to the seeds.
    expect(many).toBeLessThan(few / 2);
    [x, mask].forEach((t) => t.dispose());
  });

  it('is deterministic per seed, differs across seeds, is the same in chunks, and leaks no tensor', () => {
    const model = smallCnn(58);
    const x = randomInputs(2, [8, 8, 1], 59);
    const mask = gridFeatureMask(8, 8, 3);
    const run = (seed: number, internalBatchSize?: number) =>
      kernelShap.attribute(model, x, {
        targets: [0, 3],
        featureMask: mask,
        samples: 12,
        seed,
        internalBatchSize,
      }).attributions;
    const a = run(7);
    const before = tf.memory().numTensors;
    const b = run(7, 5);
    expect(tf.memory().numTensors).toBe(before + 1);
    const c = run(8);
    expectArraysClose(b, a, 1e-5);
    expect(maxError(Float64Array.from(c.dataSync()), Float64Array.from(a.dataSync()))).toBeGreaterThan(1e-4);
    [x, mask, a, b, c].forEach((t) => t.dispose());
  });

  it('gives a single feature all of f(x) − f(baseline)', () => {
    const fixture = linearModel([4, 4, 1], 2, 60);
    const x = randomInputs(1, [4, 4, 1], 61);
    const featureMask = tf.zeros([1, 4, 4], 'int32');
    const { attributions } = kernelShap.attribute(fixture.model, x, { targets: 1, featureMask });
    const [wk, xd] = [weightColumn(fixture, 1), x.dataSync()];
    const total = wk.reduce((s, w, i) => s + w * xd[i]!, 0);
    expectArraysClose(attributions, new Float64Array(16).fill(total), 1e-5);
    [x, featureMask, attributions].forEach((t) => t.dispose());
  });

  it.each([
    [
      'zero samples',
      { targets: 0, samples: 0 },
      'kernel-shap: options.samples must be a positive integer; got 0.',
    ],
    [
      'a non-finite seed',
      { targets: 0, seed: Number.POSITIVE_INFINITY },
      'kernel-shap: options.seed must be a finite number; got Infinity.',
    ],
    [
      'an unknown baseline',
      { targets: 0, baselines: 'nope' },
      "kernel-shap: options.baseline must be one of 'zeros', 'mean', 'blur', 'uniform'; got \"nope\".",
    ],
  ])('rejects %s with a message naming it, leaking nothing', (_, options, message) => {
    const model = smallCnn(62);
    const x = randomInputs(2, [8, 8, 1], 63);
    const before = tf.memory().numTensors;
    expect(() => kernelShap.attribute(model, x, options as never)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
