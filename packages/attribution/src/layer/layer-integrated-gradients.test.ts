import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomInputs, setupBackend, smoothCnn } from '../test-models.js';
import { layerIntegratedGradients } from './layer-integrated-gradients.js';
import { tanhMlp, twoLayerLinear } from './test-layer-models.js';

beforeAll(setupBackend);

const maxAbs = (t: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(t)).dataSync()[0]!);

describe('layer-integrated-gradients', () => {
  it('is (h(x) − h(x0)) ⊙ W2[:, t] on a linear hidden layer (closed form), with delta 0', () => {
    const f = twoLayerLinear(61);
    const x = randomInputs(2, [3, 3, 2], 62);
    const baseline = randomInputs(1, [3, 3, 2], 63);
    const { attributions, delta } = layerIntegratedGradients.attribute(f.model, x, {
      targets: [1, 2],
      layer: 'hidden',
      baselines: baseline,
      steps: 7,
    });
    const [xs, bs] = [x.dataSync(), baseline.dataSync()];
    const hb = f.hiddenOf(bs);
    const data = attributions.dataSync();
    [1, 2].forEach((t, r) => {
      const hx = f.hiddenOf(xs.subarray(r * 18, (r + 1) * 18));
      // float32 forward passes of 18-term sums; any rule is exact for a constant gradient.
      expectArraysClose(
        data.subarray(r * 5, (r + 1) * 5),
        hx.map((v, j) => (v - hb[j]!) * f.w2[j * f.classes + t]!),
        1e-5,
      );
    });
    expect(maxAbs(delta!)).toBeLessThan(1e-5);
    [x, baseline, attributions, delta!].forEach((t) => t.dispose());
  });

  it("on the input's flatten layer is integrated gradients: completeness, Gauss–Legendre beats Riemann", () => {
    const model = tanhMlp(64);
    const x = randomInputs(3, [3, 3, 2], 65);
    const run = (steps: number, rule: 'gauss-legendre' | 'riemann-left') =>
      layerIntegratedGradients.attribute(model, x, {
        targets: [0, 1, 2],
        layer: 'flat',
        output: 'model',
        steps,
        rule,
      });
    const gl = run(50, 'gauss-legendre');
    const left = run(50, 'riemann-left');
    expect(gl.attributions.shape).toEqual([3, 18]);
    const [glDelta, leftDelta] = [maxAbs(gl.delta!), maxAbs(left.delta!)];
    // Gauss–Legendre is exact to float32 on a smooth 1-D integrand; left Riemann's error is O(1/steps).
    expect(glDelta).toBeLessThan(1e-5);
    expect(leftDelta).toBeGreaterThan(10 * glDelta);
    [x, ...Object.values(gl), ...Object.values(left)].forEach((t) => (t as tf.Tensor).dispose());
  });

  it('returns delta = Σ attributions − (f(x) − f(x0)) computed independently (softmax of a smooth CNN)', () => {
    const model = smoothCnn(66);
    const x = randomInputs(2, [8, 8, 1], 67);
    const { attributions, delta } = layerIntegratedGradients.attribute(model, x, {
      targets: [0, 2],
      layer: 'conv1',
      output: 'model',
      steps: 16,
    });
    expect(attributions.shape).toEqual([2, 6, 6, 4]);
    const expected = tf.tidy(() => {
      const p = tf
        .sub(model.predict(x) as tf.Tensor, model.predict(tf.zerosLike(x)) as tf.Tensor)
        .arraySync() as number[][];
      const sums = tf.sum(tf.reshape(attributions, [2, -1]), 1).dataSync();
      return [sums[0]! - p[0]![0]!, sums[1]! - p[1]![2]!];
    });
    // float32 sums of 144 terms.
    expectArraysClose(delta!, expected, 1e-5);
    [x, attributions, delta!].forEach((t) => t.dispose());
  });

  it('gives the same result in chunks of one row and leaks no tensor, also on errors', () => {
    const model = smoothCnn(68);
    const x = randomInputs(2, [8, 8, 1], 69);
    const options = { targets: [0, 1], layer: 'pool', steps: 5 };
    const whole = layerIntegratedGradients.attribute(model, x, options);
    const before = tf.memory().numTensors;
    const chunked = layerIntegratedGradients.attribute(model, x, { ...options, internalBatchSize: 3 });
    expect(tf.memory().numTensors).toBe(before + 2);
    expectArraysClose(chunked.attributions, whole.attributions, 1e-6);
    expectArraysClose(chunked.delta!, whole.delta!, 1e-6);
    const blocks = layerIntegratedGradients.attribute(model, x, { ...options, internalBatchSize: 4 });
    expectArraysClose(blocks.attributions, whole.attributions, 1e-6);
    [blocks.attributions, blocks.delta!].forEach((t) => t.dispose());
    const bad = tf.zeros([3, 8, 8, 1]);
    for (const [extra, message] of [
      [{ steps: 0 }, 'layer-integrated-gradients: options.steps must be an integer from 1 to 10000; got 0.'],
      [
        { rule: 'simpson' },
        "layer-integrated-gradients: options.rule must be one of 'gauss-legendre', 'riemann-left', 'riemann-right', 'riemann-middle', 'riemann-trapezoid'; got \"simpson\".",
      ],
      [
        { baselines: bad },
        'layer-integrated-gradients: the baseline has shape [3, 8, 8, 1]; it must be [1 or n, 8, 8, 1] (inputs are [2, 8, 8, 1]).',
      ],
    ] as const) {
      expect(() => layerIntegratedGradients.attribute(model, x, { ...options, ...extra } as never)).toThrow(
        message,
      );
    }
    expect(tf.memory().numTensors).toBe(before + 3);
    [x, bad, ...Object.values(whole), ...Object.values(chunked)].forEach((t) => (t as tf.Tensor).dispose());
  });
});
