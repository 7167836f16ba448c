import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { saliency } from '../gradient/saliency.js';
import { linearModel, randomInputs, setupBackend, smallCnn } from '../test-models.js';
import type { ExplainFn } from './explainer.js';
import { sensitivityMax } from './sensitivity.js';

beforeAll(setupBackend);

const inputItself: ExplainFn = (inputs) => tf.clone(inputs);

describe('sensitivityMax', () => {
  it('is 0 for saliency on a linear model (its gradient is w everywhere)', () => {
    const fixture = linearModel([4, 4, 1], 3, 61);
    const x = randomInputs(3, [4, 4, 1], 62);
    const sens = sensitivityMax(fixture.model, x, saliency, { targets: [0, 1, 2] });
    expect(Array.from(sens)).toEqual([0, 0, 0]);
    x.dispose();
  });

  it('is max_k ‖δ_k‖ / ‖x‖ for the input itself (float64 with the same draws, radius 0.05)', () => {
    const model = smallCnn(63);
    const x = randomInputs(2, [8, 8, 1], 64);
    const sens = sensitivityMax(model, x, inputItself, { targets: 0, radius: 0.05, samples: 6, seed: 9 });
    const delta = tf.tidy(() =>
      tf.randomUniform([12, 8, 8, 1], -0.05, 0.05, 'float32', createRng(9).tfSeed()).dataSync(),
    );
    const xs = x.dataSync();
    const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, a) => s + a * a, 0));
    for (let i = 0; i < 2; i++) {
      const base = norm(xs.subarray(i * 64, (i + 1) * 64));
      // Φ(x + δ) − Φ(x) is δ up to the float32 rounding of x + δ (≈ 6e-8 per entry).
      const changes = Array.from(
        { length: 6 },
        (_, k) => norm(delta.subarray((k * 2 + i) * 64, (k * 2 + i + 1) * 64)) / base,
      );
      expect(sens[i]).toBeCloseTo(Math.max(...changes), 5);
    }
    x.dispose();
  });

  it('is > 0 for saliency on smallCnn, the same per seed, different across seeds, and leaks nothing', () => {
    const model = smallCnn(65);
    const x = randomInputs(2, [8, 8, 1], 66);
    const before = tf.memory().numTensors;
    const run = (seed: number) =>
      Array.from(sensitivityMax(model, x, saliency, { targets: [2, 3], seed, radius: 0.1 }));
    const [a, b, c] = [run(1), run(1), run(2)];
    expect(tf.memory().numTensors).toBe(before);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const v of a) expect(v).toBeGreaterThan(0);
    x.dispose();
  });

  it('divides by 1 where Φ(x) is 0 (as Captum)', () => {
    const model = smallCnn(67);
    const x = randomInputs(1, [8, 8, 1], 68);
    const zeroAtX: ExplainFn = (inputs) =>
      inputs.shape[0] === 1 ? tf.zerosLike(inputs) : tf.onesLike(inputs);
    // ‖1 − 0‖ over 64 entries is 8.
    expect(sensitivityMax(model, x, zeroAtX, { targets: 0 })[0]).toBeCloseTo(8, 5);
    x.dispose();
  });

  it.each([
    ['a zero radius', { radius: 0 }, 'sensitivityMax: options.radius must be a finite number > 0; got 0.'],
    [
      'fractional samples',
      { samples: 2.5 },
      'sensitivityMax: options.samples must be a positive integer; got 2.5.',
    ],
  ])('rejects %s, leaking nothing', (_, extra, message) => {
    const model = smallCnn(69);
    const x = randomInputs(1, [8, 8, 1], 70);
    const before = tf.memory().numTensors;
    expect(() => sensitivityMax(model, x, saliency, { targets: 0, ...extra })).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('disposes everything when the explainer fails on the perturbed inputs', () => {
    const model = smallCnn(71);
    const x = randomInputs(1, [8, 8, 1], 72);
    const before = tf.memory().numTensors;
    const bad: ExplainFn = (inputs) => (inputs.shape[0] === 1 ? tf.clone(inputs) : tf.zeros([1, 2]));
    expect(() => sensitivityMax(model, x, bad, { targets: 0, samples: 3 })).toThrow(
      'sensitivityMax: the attributions have shape [1, 2]; they must have shape [3, 8, 8, 1].',
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
