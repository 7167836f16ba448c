import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@openbox/runtime';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdapter } from '../core/prepare.js';
import {
  linearModel,
  randomInputs,
  setupBackend,
  smallCnn,
  smoothCnn,
  weightColumn,
} from '../test-models.js';
import { gradientShap } from './gradient-shap.js';
import { saliency } from './saliency.js';

beforeAll(setupBackend);

const dispose = (...ts: (tf.Tensor | undefined)[]) => ts.forEach((t) => t?.dispose());

/** The method's draws for `rows` rows from `seed`: baseline index then α per row, then the noise seed. */
function draws(seed: number, rows: number, m: number) {
  const rng = createRng(seed);
  const picks: number[] = [];
  const alphas: number[] = [];
  for (let r = 0; r < rows; r++) [picks[r], alphas[r]] = [rng.int(m), rng.next()];
  return { picks, alphas, noiseSeed: rng.tfSeed() };
}

describe('gradientShap', () => {
  it('is w ⊙ (x − mean of the drawn baselines) on a linear model with stdevs 0 (closed form), delta 0', () => {
    const fixture = linearModel([3, 3, 2], 4, 81);
    const x = randomInputs(2, [3, 3, 2], 82);
    const baselines = randomInputs(3, [3, 3, 2], 83);
    const [n, m, samples, d] = [2, 3, 6, 18];
    const { attributions, delta } = gradientShap.attribute(fixture.model, x, {
      targets: [1, 3],
      baselines,
      samples,
      seed: 4,
    });
    // The gradient is the weight column everywhere, so only which baselines were drawn matters.
    const { picks } = draws(4, samples * n, m);
    const [xs, bs] = [x.dataSync(), baselines.dataSync()];
    const expected: number[] = [];
    for (let i = 0; i < n; i++) {
      const w = weightColumn(fixture, i === 0 ? 1 : 3);
      for (let j = 0; j < d; j++) {
        let mean = 0;
        for (let k = 0; k < samples; k++) mean += bs[picks[k * n + i]! * d + j]! / samples;
        expected.push(w[j]! * (xs[i * d + j]! - mean));
      }
    }
    // Float32 products and a mean of 6 terms: ~1e-7 relative.
    expectArraysClose(attributions, expected, 1e-6);
    // f is linear in the logits: Σ w ⊙ (x − b) = f(x) − f(b) for each sample, up to float32 sums of 18 terms.
    expectArraysClose(delta!, [0, 0], 2e-6);
    dispose(x, baselines, attributions, delta);
  });

  it('converges to w ⊙ (x − E[b]) on a linear model as samples grow (the expectation)', () => {
    const fixture = linearModel([2, 2, 1], 3, 84);
    const x = randomInputs(1, [2, 2, 1], 85);
    const baselines = randomInputs(4, [2, 2, 1], 86);
    const { attributions, delta } = gradientShap.attribute(fixture.model, x, {
      targets: 2,
      baselines,
      samples: 2000,
    });
    const expected = tf.mul(
      tf.sub(x, tf.mean(baselines, 0, true)),
      tf.reshape(weightColumn(fixture, 2), [1, 2, 2, 1]),
    );
    // The drawn baselines' mean has sd ≤ 0.5 / √2000 ≈ 0.011 per pixel and |w| ≤ 1: 4 sd ≈ 0.045.
    expectArraysClose(attributions, expected, 0.045);
    dispose(x, baselines, attributions, delta, expected);
  });

  it('matches an independent loop over the same draws and noise on the smooth net (attributions and delta)', () => {
    const model = smoothCnn(87);
    const adapter = asAdapter(model);
    const x = randomInputs(2, [8, 8, 1], 88);
    const baselines = randomInputs(3, [8, 8, 1], 89);
    const [n, m, samples, d, stdevs, targets] = [2, 3, 3, 64, 0.1, [2, 0]] as const;
    const { picks, alphas, noiseSeed } = draws(11, samples * n, m);
    const noise = tf.randomNormal([samples * n, 8, 8, 1], 0, stdevs, 'float32', noiseSeed);
    const [xs, bs, es] = [x.dataSync(), baselines.dataSync(), noise.dataSync()];
    const attr = new Float64Array(n * d);
    const delta = new Float64Array(n);
    for (let r = 0; r < samples * n; r++) {
      const i = r % n;
      const noisy = Array.from({ length: d }, (_, j) => Math.fround(xs[i * d + j]! + es[r * d + j]!));
      const base = Array.from(bs.subarray(picks[r]! * d, (picks[r]! + 1) * d));
      const point = tf.tensor4d(
        noisy.map((v, j) => Math.fround(base[j]! + Math.fround(alphas[r]! * Math.fround(v - base[j]!)))),
        [1, 8, 8, 1],
      );
      const g = saliency.attribute(model, point, { targets: targets[i]! }).attributions.dataSync();
      let sum = 0;
      for (let j = 0; j < d; j++) {
        const a = g[j]! * (noisy[j]! - base[j]!);
        attr[i * d + j]! += a / samples;
        sum += a;
      }
      const ends = tf.tidy(() => adapter.logits(tf.tensor4d([...noisy, ...base], [2, 8, 8, 1])).arraySync());
      delta[i]! += (sum - (ends[0]![targets[i]!]! - ends[1]![targets[i]!]!)) / samples;
      point.dispose();
    }
    const options = { targets: [...targets], baselines, samples, stdevs, seed: 11, internalBatchSize: 4 };
    const out = gradientShap.attribute(model, x, options);
    // Same float32 points; sums of 64 terms and the means in float32 there, float64 here: ~1e-6.
    expectArraysClose(out.attributions, attr, 1e-5);
    expectArraysClose(out.delta!, delta, 1e-5);
    // A one-point Monte-Carlo path integral is far from complete: the delta is not trivially 0.
    expect(Math.max(...Array.from(delta, Math.abs))).toBeGreaterThan(1e-3);
    dispose(x, baselines, noise, out.attributions, out.delta);
  });

  it('is deterministic per seed, differs across seeds, is chunk-independent, and leaks nothing', () => {
    const model = smallCnn(90);
    const x = randomInputs(2, [8, 8, 1], 91);
    const baselines = randomInputs(5, [8, 8, 1], 92);
    const run = (seed: number, internalBatchSize?: number) =>
      gradientShap.attribute(model, x, { targets: 1, baselines, stdevs: 0.05, seed, internalBatchSize });
    const a = run(1);
    const before = tf.memory().numTensors;
    const b = run(1, 3);
    expect(tf.memory().numTensors).toBe(before + 2);
    const c = run(2);
    // The same draws attributed in chunks of 3 rows: float32 reassociation only.
    expectArraysClose(b.attributions, a.attributions, 1e-6);
    expectArraysClose(b.delta!, a.delta!, 1e-6);
    expect(tf.max(tf.abs(tf.sub(a.attributions, c.attributions))).dataSync()[0]!).toBeGreaterThan(1e-3);
    dispose(x, baselines, a.attributions, a.delta, b.attributions, b.delta, c.attributions, c.delta);
  });

  it.each([
    [
      'missing baselines',
      { targets: 0 },
      'gradient-shap: options.baselines must be a tensor [m, 8, 8, 1] of m >= 1 baselines (inputs are [2, 8, 8, 1]); got no tensor.',
    ],
    [
      'baselines of the wrong shape',
      { targets: 0, baselines: 'wrong' },
      'gradient-shap: options.baselines must be a tensor [m, 8, 8, 1] of m >= 1 baselines (inputs are [2, 8, 8, 1]); got [3, 4, 4, 1].',
    ],
    [
      'non-finite baselines',
      { targets: 0, baselines: 'nan' },
      'gradient-shap: options.baselines contain NaN or ±Infinity; attributions of such inputs are meaningless.',
    ],
    [
      'zero samples',
      { targets: 0, baselines: 'ok', samples: 0 },
      'gradient-shap: options.samples must be a positive integer; got 0.',
    ],
    [
      'negative stdevs',
      { targets: 0, baselines: 'ok', stdevs: -1 },
      'gradient-shap: options.stdevs must be a finite number >= 0; got -1.',
    ],
    [
      'an infinite seed',
      { targets: 0, baselines: 'ok', seed: Infinity },
      'gradient-shap: options.seed must be a finite number; got Infinity.',
    ],
  ])('rejects %s with a message naming it, leaking nothing', (_, given, message) => {
    const model = smallCnn(93);
    const x = randomInputs(2, [8, 8, 1], 94);
    const named = {
      ok: tf.zeros([2, 8, 8, 1]),
      wrong: tf.zeros([3, 4, 4, 1]),
      nan: tf.fill([1, 8, 8, 1], NaN),
    };
    const key = (given as { baselines?: keyof typeof named }).baselines;
    const options = key === undefined ? given : { ...given, baselines: named[key] };
    const before = tf.memory().numTensors;
    expect(() => gradientShap.attribute(model, x, options as never)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    dispose(x, ...Object.values(named));
  });
});
