import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@openbox/runtime';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  linearModel,
  randomInputs,
  setupBackend,
  smallCnn,
  smoothCnn,
  weightColumn,
} from '../test-models.js';
import { inputXGradient } from './input-x-gradient.js';
import { integratedGradients } from './integrated-gradients.js';
import { noiseTunnel, smoothgrad, smoothgradSq, varGrad } from './noise-tunnel.js';
import { saliency } from './saliency.js';

beforeAll(setupBackend);

const dispose = (...ts: (tf.Tensor | undefined)[]) => ts.forEach((t) => t?.dispose());

describe('noiseTunnel', () => {
  it('with σ → 0 is the base method: smoothgrad = saliency, smoothgrad² = saliency², vargrad = 0', () => {
    const model = smoothCnn(61);
    const x = randomInputs(2, [8, 8, 1], 62);
    const grad = saliency.attribute(model, x, { targets: [0, 2] }).attributions;
    const options = { targets: [0, 2], noiseSd: 1e-5, samples: 4 };
    const sg = smoothgrad.attribute(model, x, options).attributions;
    const sq = smoothgradSq.attribute(model, x, options).attributions;
    const vg = varGrad.attribute(model, x, options).attributions;
    const grad2 = tf.square(grad);
    // σ = 1e-5 moves a tanh net's gradient by ~1e-5 relative; float32 rounding is 1e-7.
    expectArraysClose(sg, grad, 1e-4);
    expectArraysClose(sq, grad2, 1e-4);
    expectArraysClose(vg, tf.zerosLike(vg), 1e-6);
    dispose(x, grad, grad2, sg, sq, vg);
  });

  it("of a linear model's saliency: smoothgrad is the weights and vargrad 0 at the default σ (closed form)", () => {
    const fixture = linearModel([3, 3, 2], 4, 63);
    const x = randomInputs(2, [3, 3, 2], 64);
    const sg = smoothgrad.attribute(fixture.model, x, { targets: [1, 2] }).attributions;
    const vg = varGrad.attribute(fixture.model, x, { targets: [1, 2] }).attributions;
    const data = sg.dataSync();
    // The logit's gradient is the weight column at every noisy point: exact up to float32 sums of N equal terms.
    expectArraysClose(data.subarray(0, 18), weightColumn(fixture, 1), 1e-6);
    expectArraysClose(data.subarray(18), weightColumn(fixture, 2), 1e-6);
    expectArraysClose(vg, new Float32Array(36), 1e-6);
    dispose(x, sg, vg);
  });

  it('matches an independent Monte-Carlo loop over the same seeded noise, in chunks of 3 samples', () => {
    const model = smoothCnn(65);
    const x = randomInputs(2, [8, 8, 1], 66);
    const [samples, n, d, targets] = [5, 2, 64, [0, 2]] as const;
    // The tunnel's noise: its rng's first tfSeed, N × n standard normals, sample-major; σ_i = 0.15 (max − min).
    const eps = tf.randomNormal([samples * n, 8, 8, 1], 0, 1, 'float32', createRng(9).tfSeed());
    const [xs, es] = [x.dataSync(), eps.dataSync()];
    const [sum, sumSq] = [new Float64Array(n * d), new Float64Array(n * d)];
    for (let k = 0; k < samples; k++)
      for (let i = 0; i < n; i++) {
        const row = Array.from(xs.subarray(i * d, (i + 1) * d));
        const sigma = 0.15 * (Math.max(...row) - Math.min(...row));
        const noisy = tf.tensor4d(
          row.map((v, j) => v + Math.fround(sigma) * es[(k * n + i) * d + j]!),
          [1, 8, 8, 1],
        );
        const g = saliency.attribute(model, noisy, { targets: targets[i]! }).attributions;
        g.dataSync().forEach((v, j) => {
          sum[i * d + j]! += v / samples;
          sumSq[i * d + j]! += (v * v) / samples;
        });
        dispose(noisy, g);
      }
    const options = { targets: [...targets], samples, seed: 9, samplesBatchSize: 3 };
    const sg = smoothgrad.attribute(model, x, options).attributions;
    const sq = smoothgradSq.attribute(model, x, options).attributions;
    const vg = varGrad.attribute(model, x, options).attributions;
    // Same float32 points, averaged in float64 here and float32 there: ~1e-7 relative.
    expectArraysClose(sg, sum, 1e-6);
    expectArraysClose(sq, sumSq, 1e-6);
    expectArraysClose(
      vg,
      sum.map((m, j) => sumSq[j]! - m * m),
      1e-6,
    );
    dispose(x, eps, sg, sq, vg);
  });

  it('is deterministic per seed, differs across seeds, and does not depend on samplesBatchSize', () => {
    const model = smallCnn(67);
    const x = randomInputs(2, [8, 8, 1], 68);
    const run = (seed: number, samplesBatchSize?: number) =>
      smoothgrad.attribute(model, x, { targets: 1, seed, samples: 6, samplesBatchSize }).attributions;
    const [a, b, c, chunked] = [run(3), run(3), run(4), run(3, 4)];
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(tf.max(tf.abs(tf.sub(a, c))).dataSync()[0]!).toBeGreaterThan(1e-3);
    // The same noise, attributed in calls of 4 + 2 samples instead of 6: float32 reassociation only.
    expectArraysClose(chunked, a, 1e-6);
    dispose(x, a, b, c, chunked);
  });

  it("propagates the base's delta as its per-input mean over the noisy copies (IG), and wraps another base", () => {
    const model = smoothCnn(69);
    const x = randomInputs(2, [8, 8, 1], 70);
    const ig = { targets: [1, 0], steps: 4, rule: 'riemann-left' as const };
    const sgIg = noiseTunnel(integratedGradients, 'smoothgrad');
    const before = tf.memory().numTensors;
    const out = sgIg.attribute(model, x, { ...ig, samples: 3, noiseSd: 0.1, seed: 5 });
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(sgIg.name).toBe('smoothgrad(integrated-gradients)');
    expect(sgIg.info.hasConvergenceDelta && sgIg.info.stochastic).toBe(true);
    // The same noisy batch attributed at once by IG: its deltas [3 · 2] averaged per input.
    const eps = tf.randomNormal([6, 8, 8, 1], 0, 1, 'float32', createRng(5).tfSeed());
    const noisy = tf.add(tf.tile(x, [3, 1, 1, 1]), tf.mul(0.1, eps));
    const direct = integratedGradients.attribute(model, noisy, { ...ig, targets: [1, 0, 1, 0, 1, 0] });
    const meanDelta = tf.mean(tf.reshape(direct.delta!, [3, 2]), 0);
    const meanAttr = tf.mean(tf.reshape(direct.attributions, [3, 2, 8, 8, 1]), 0);
    // Left Riemann with 4 steps leaves |δ| ~ 1e-2, so a mean of the wrong deltas would be far off.
    expectArraysClose(out.delta!, meanDelta, 1e-6);
    expectArraysClose(out.attributions, meanAttr, 1e-6);
    expect(out.delta!.shape).toEqual([2]);
    // options.base: smoothgrad over input × gradient of a linear model with σ = 0 is w ⊙ x.
    const fixture = linearModel([2, 2, 1], 3, 71);
    const small = randomInputs(1, [2, 2, 1], 72);
    const ixg = smoothgrad.attribute(fixture.model, small, { targets: 2, noiseSd: 0, base: inputXGradient });
    const xs = small.dataSync();
    expectArraysClose(
      ixg.attributions,
      weightColumn(fixture, 2).map((w, i) => w * xs[i]!),
      1e-6,
    );
    dispose(
      x,
      out.attributions,
      out.delta,
      eps,
      noisy,
      direct.attributions,
      direct.delta,
      meanDelta,
      meanAttr,
    );
    dispose(small, ixg.attributions);
  });

  it.each([
    [
      'zero samples',
      { targets: 0, samples: 0 },
      'smoothgrad: options.samples must be a positive integer; got 0.',
    ],
    [
      'a fractional samplesBatchSize',
      { targets: 0, samplesBatchSize: 1.5 },
      'smoothgrad: options.samplesBatchSize must be a positive integer; got 1.5.',
    ],
    [
      'a negative noiseSd',
      { targets: 0, noiseSd: -0.1 },
      'smoothgrad: options.noiseSd must be a finite number >= 0; got -0.1.',
    ],
    [
      'a NaN seed',
      { targets: 0, seed: Number.NaN },
      'smoothgrad: options.seed must be a finite number; got NaN.',
    ],
    [
      'a bad target',
      { targets: [0, 5] },
      "smoothgrad: target 5 is not a class of 'logits', which has classes 0..3.",
    ],
  ])('rejects %s with a message naming it, leaking nothing', (_, options, message) => {
    const model = smallCnn(73);
    const x = randomInputs(2, [8, 8, 1], 74);
    const before = tf.memory().numTensors;
    expect(() => smoothgrad.attribute(model, x, options as never)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('rejects an unknown tunnel type when built', () => {
    expect(() => noiseTunnel(saliency, 'meangrad' as never)).toThrow(
      "noiseTunnel: type must be one of 'smoothgrad', 'smoothgrad-sq', 'vargrad'; got \"meangrad\".",
    );
  });
});
