import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { quadrature } from '../core/quadrature.js';
import { randomInputs, setupBackend, smoothCnn } from '../test-models.js';
import { layerConductance } from './layer-conductance.js';
import { twoLayerLinear } from './test-layer-models.js';

beforeAll(setupBackend);

const maxAbs = (t: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(t)).dataSync()[0]!);

describe('layer-conductance', () => {
  it.each([
    ['riemann-trapezoid', 1],
    // Captum's nodes: Gauss–Legendre's steps + 1 nodes do not reach 0 and 1, so the sum covers α_0..α_steps only.
    [
      'gauss-legendre',
      (() => {
        const a = quadrature('gauss-legendre', 9).alphas;
        return a[8]! - a[0]!;
      })(),
    ],
  ] as const)(
    'is (h(x) − h(x0)) ⊙ W2[:, t] on a linear hidden layer with %s nodes (closed form, times α_last − α_0 = %f)',
    (rule, span) => {
      const f = twoLayerLinear(71);
      const x = randomInputs(2, [3, 3, 2], 72);
      const { attributions } = layerConductance.attribute(f.model, x, {
        targets: [0, 2],
        layer: 'hidden',
        steps: 8,
        rule,
      });
      const xs = x.dataSync();
      const h0 = f.hiddenOf(new Float64Array(18));
      const data = attributions.dataSync();
      [0, 2].forEach((t, r) => {
        const hx = f.hiddenOf(xs.subarray(r * 18, (r + 1) * 18));
        // float32 forward passes of 18-term sums, 8 differences of them summed.
        expectArraysClose(
          data.subarray(r * 5, (r + 1) * 5),
          hx.map((v, j) => span * (v - h0[j]!) * f.w2[j * f.classes + t]!),
          1e-5,
        );
      });
      [x, attributions].forEach((t) => t.dispose());
    },
  );

  it('is complete on a smooth CNN: delta shrinks like 1/steps (softmax output, a hidden conv layer)', () => {
    const model = smoothCnn(73);
    const x = randomInputs(2, [8, 8, 1], 74);
    const run = (steps: number) =>
      layerConductance.attribute(model, x, {
        targets: [1, 2],
        layer: 'conv1',
        output: 'model',
        steps,
        rule: 'riemann-trapezoid',
      });
    const coarse = run(8);
    const fine = run(64);
    expect(fine.attributions.shape).toEqual([2, 6, 6, 4]);
    const [dc, df] = [maxAbs(coarse.delta!), maxAbs(fine.delta!)];
    // Left Riemann–Stieltjes sums: error O(1/steps), so 8× the steps gives ≈ 8× less (at least 4× here).
    expect(df).toBeLessThan(dc / 4);
    expect(df).toBeLessThan(2e-4);
    [x, ...Object.values(coarse), ...Object.values(fine)].forEach((t) => (t as tf.Tensor).dispose());
  });

  it('gives the same result in chunks of one row and leaks no tensor, also on an error', () => {
    const model = smoothCnn(75);
    const x = randomInputs(2, [8, 8, 1], 76);
    const options = { targets: [0, 1], layer: 'pool', steps: 4 };
    const whole = layerConductance.attribute(model, x, options);
    const before = tf.memory().numTensors;
    const chunked = layerConductance.attribute(model, x, { ...options, internalBatchSize: 1 });
    expect(tf.memory().numTensors).toBe(before + 2);
    expectArraysClose(chunked.attributions, whole.attributions, 1e-6);
    // Blocks of 3 nodes then 2 (the carried node joins the blocks).
    const blocks = layerConductance.attribute(model, x, { ...options, internalBatchSize: 6 });
    expectArraysClose(blocks.attributions, whole.attributions, 1e-6);
    expectArraysClose(blocks.delta!, whole.delta!, 1e-6);
    [blocks.attributions, blocks.delta!].forEach((t) => t.dispose());
    expect(() => layerConductance.attribute(model, x, { ...options, steps: 1.5 })).toThrow(
      'layer-conductance: options.steps must be an integer from 1 to 10000; got 1.5.',
    );
    expect(tf.memory().numTensors).toBe(before + 2);
    [x, ...Object.values(whole), ...Object.values(chunked)].forEach((t) => (t as tf.Tensor).dispose());
  });
});
