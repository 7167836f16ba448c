import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdapter } from '../core/prepare.js';
import { linearModel, randomInputs, setupBackend, smallCnn, weightColumn } from '../test-models.js';
import { shapleySampling } from './shapley-sampling.js';
import { coalitionValues, exactShapley, maxError, perFeature, STRIPES } from './test-shapley.js';

beforeAll(setupBackend);

describe('shapley-sampling', () => {
  it('is exact on a linear model for a single permutation: Σ_{i∈j} w_i (x_i − b_i) per feature', () => {
    const fixture = linearModel([8, 8, 1], 3, 41);
    const x = randomInputs(2, [8, 8, 1], 42);
    const { attributions } = shapleySampling.attribute(fixture.model, x, {
      targets: [1, 2],
      samples: 1,
      seed: 3,
    });
    const xd = x.dataSync();
    const grid = (p: number) => Math.floor(Math.floor(p / 8) / 4) * 2 + Math.floor((p % 8) / 4);
    const expected = [1, 2].flatMap((k, i) => {
      const wk = weightColumn(fixture, k);
      const phi = [0, 0, 0, 0];
      for (let p = 0; p < 64; p++) phi[grid(p)]! += wk[p]! * xd[i * 64 + p]!;
      return Array.from({ length: 64 }, (_, p) => phi[grid(p)]!);
    });
    // float32 logits of a 64-weight linear model against float64 (measured 1e-7).
    expectArraysClose(attributions, expected, 2e-6);
    [x, attributions].forEach((t) => t.dispose());
  });

  it('is exact on a linear model with one mask per input (column and row stripes), any seed', () => {
    const fixture = linearModel([8, 8, 1], 2, 49);
    const x = randomInputs(2, [8, 8, 1], 50);
    const rows = STRIPES.map((_, p) => STRIPES[(p % 8) * 8 + Math.floor(p / 8)]!);
    const mask = tf.tensor3d([...STRIPES, ...rows], [2, 8, 8], 'int32');
    const { attributions } = shapleySampling.attribute(fixture.model, x, {
      targets: 1,
      featureMask: mask,
      samples: 2,
      seed: 9,
    });
    const [wk, xd] = [weightColumn(fixture, 1), x.dataSync()];
    const expected = [STRIPES, rows].flatMap((m, i) => {
      const phi = new Float64Array(6);
      m.forEach((j, p) => (phi[j]! += wk[p]! * xd[i * 64 + p]!));
      return Array.from(m, (j) => phi[j]!);
    });
    // float32 logits of a 64-weight linear model against float64 (measured 1e-7).
    expectArraysClose(attributions, expected, 2e-6);
    [x, mask, attributions].forEach((t) => t.dispose());
  });

  it('approaches exact Shapley values (float64 enumeration) on a small CNN with 6 features, keeping efficiency exact', () => {
    const model = smallCnn(43);
    const adapter = asAdapter(model);
    const x = randomInputs(1, [8, 8, 1], 44);
    const mask = tf.tensor3d(STRIPES, [1, 8, 8], 'int32');
    const values = coalitionValues(
      adapter,
      x.dataSync() as Float32Array,
      new Float32Array(64),
      STRIPES,
      [8, 8, 1],
      2,
    );
    const exact = exactShapley(values, 6);
    const error = (samples: number) =>
      [1, 2, 3].reduce((sum, seed) => {
        const { attributions } = shapleySampling.attribute(model, x, {
          targets: 2,
          featureMask: mask,
          samples,
          seed,
        });
        const phi = perFeature(attributions.dataSync(), STRIPES, 1);
        attributions.dispose();
        // Efficiency: every permutation telescopes to f(x) − f(0); float32 sums of six terms ≈ 1e-6.
        expect(Math.abs(phi.reduce((a, b) => a + b, 0) - (values[63]! - values[0]!))).toBeLessThan(1e-5);
        return sum + maxError(phi, exact) / 3;
      }, 0);
    const [few, many] = [error(2), error(200)];
    // Monte Carlo error ∝ 1/√samples: 100× the samples, ≈ 10× smaller; ask for 3× to stay robust to the seeds.
    expect(many).toBeLessThan(few / 3);
    expect(many).toBeLessThan(0.05 * Math.max(...exact.map(Math.abs)));
    [x, mask].forEach((t) => t.dispose());
  });

  it('is deterministic per seed, differs across seeds, is the same in chunks, and leaks no tensor', () => {
    const model = smallCnn(45);
    const x = randomInputs(2, [8, 8, 1], 46);
    const mask = tf.tensor3d(STRIPES, [1, 8, 8], 'int32');
    const run = (seed: number, internalBatchSize?: number) =>
      shapleySampling.attribute(model, x, {
        targets: [0, 3],
        featureMask: mask,
        samples: 3,
        seed,
        internalBatchSize,
      }).attributions;
    const a = run(7);
    const before = tf.memory().numTensors;
    const b = run(7, 5);
    expect(tf.memory().numTensors).toBe(before + 1);
    const c = run(8);
    expectArraysClose(b, a, 1e-6);
    expect(maxError(Float64Array.from(c.dataSync()), Float64Array.from(a.dataSync()))).toBeGreaterThan(1e-4);
    [x, mask, a, b, c].forEach((t) => t.dispose());
  });

  it.each([
    [
      'zero samples',
      { targets: 0, samples: 0 },
      'shapley-sampling: options.samples must be a positive integer; got 0.',
    ],
    [
      'a non-finite seed',
      { targets: 0, seed: Number.NaN },
      'shapley-sampling: options.seed must be a finite number; got NaN.',
    ],
    [
      'an unknown baseline',
      { targets: 0, baselines: 'nope' },
      "shapley-sampling: options.baseline must be one of 'zeros', 'mean', 'blur', 'uniform'; got \"nope\".",
    ],
    [
      'a mask with a missing id',
      { targets: 0, featureMask: 'stripes-without-4' },
      'shapley-sampling: options.featureMask 0 lacks feature id 4; ids must run 0..5 with every id present in every mask.',
    ],
  ])('rejects %s with a message naming it, leaking nothing', (_, options, message) => {
    const model = smallCnn(47);
    const x = randomInputs(3, [8, 8, 1], 48);
    const mask = tf.tensor3d(
      STRIPES.map((j) => (j === 4 ? 5 : j)),
      [1, 8, 8],
      'int32',
    );
    const given = 'featureMask' in options ? { ...options, featureMask: mask } : options;
    const before = tf.memory().numTensors;
    expect(() => shapleySampling.attribute(model, x, given as never)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    [x, mask].forEach((t) => t.dispose());
  });
});
