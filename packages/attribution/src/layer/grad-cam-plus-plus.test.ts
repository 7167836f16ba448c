import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdapter, tiledOwners } from '../core/prepare.js';
import { resolveTargets } from '../core/target.js';
import { randomInputs, setupBackend, smallCnn, smoothCnn } from '../test-models.js';
import { gradCamPlusPlus } from './grad-cam-plus-plus.js';
import { layerGradients } from './layer-gradients.js';

beforeAll(setupBackend);

/** Float64 Grad-CAM++ map of row `r` from A and g = ∂f/∂A `[n, h, w, c]`. */
function gradCamPlusPlus64(a: Float32Array, g: Float32Array, r: number, hw: number, c: number): Float64Array {
  const at = (p: number, k: number) => r * hw * c + p * c + k;
  const weight = new Float64Array(c);
  for (let k = 0; k < c; k++) {
    let sumA = 0;
    for (let p = 0; p < hw; p++) sumA += a[at(p, k)]!;
    for (let p = 0; p < hw; p++) {
      const gi = g[at(p, k)]!;
      const denominator = 2 * gi * gi + sumA * gi ** 3;
      const alpha = denominator === 0 ? 0 : (gi * gi) / denominator;
      weight[k]! += alpha * Math.max(0, gi);
    }
  }
  return Float64Array.from({ length: hw }, (_, p) =>
    Array.from({ length: c }, (_, k) => weight[k]! * a[at(p, k)]!).reduce((s, v) => s + v, 0),
  );
}

describe('gradcam++', () => {
  it.each([
    ['a ReLU net (zero gradients and activations)', () => smallCnn(41), 'conv1', 6],
    ['a smooth net', () => smoothCnn(42), 'conv1', 6],
    ['a pooled layer', () => smallCnn(43), 'pool', 3],
  ])('equals a float64 reimplementation from the layer gradients on %s', (_, build, layer, side) => {
    const model = build();
    const adapter = asAdapter(model);
    const x = randomInputs(2, [8, 8, 1], 44);
    const { attributions, layerAttributions } = gradCamPlusPlus.attribute(model, x, {
      targets: [0, 2],
      layer,
      upsample: 'nearest',
    });
    const targets = resolveTargets(adapter, [0, 2], 2, 'logits', 't');
    const lg = layerGradients(adapter, x, tiledOwners(2, 1), targets, layer, 64);
    const [a, g] = [lg.activations.dataSync() as Float32Array, lg.gradients.dataSync() as Float32Array];
    const hw = side * side;
    const layerData = layerAttributions!.dataSync();
    const data = attributions.dataSync();
    expect(layerAttributions!.shape).toEqual([2, side, side, 1]);
    for (const r of [0, 1]) {
      const map = gradCamPlusPlus64(a, g, r, hw, 4);
      // float32 evaluation of g² / (2g² + ΣA g³) and sums of ≤ 36 terms: relative rounding ~1e-6.
      expectArraysClose(layerData.subarray(r * hw, (r + 1) * hw), map, 1e-5);
      const nearest = Array.from({ length: 64 }, (_, q) => {
        const [i, j] = [Math.floor(q / 8), q % 8];
        return Math.max(0, map[Math.floor((i * side) / 8) * side + Math.floor((j * side) / 8)]!);
      });
      expectArraysClose(data.subarray(r * 64, (r + 1) * 64), nearest, 1e-5);
    }
    [x, attributions, layerAttributions!, ...Object.values(lg)].forEach((t) => (t as tf.Tensor).dispose());
  });

  it('gives the same result in chunks of one row and leaks no tensor, also on an error', () => {
    const model = smallCnn(45);
    const x = randomInputs(3, [8, 8, 1], 46);
    const whole = gradCamPlusPlus.attribute(model, x, { targets: [0, 1, 3], layer: 'conv2' });
    const before = tf.memory().numTensors;
    const chunked = gradCamPlusPlus.attribute(model, x, {
      targets: [0, 1, 3],
      layer: 'conv2',
      internalBatchSize: 1,
    });
    expect(tf.memory().numTensors).toBe(before + 2);
    expectArraysClose(chunked.attributions, whole.attributions, 1e-6);
    expectArraysClose(chunked.layerAttributions!, whole.layerAttributions!, 1e-6);
    expect(() => gradCamPlusPlus.attribute(model, x, { targets: 0, layer: 'flat' })).toThrow(
      "gradcam++: options.layer 'flat' has output shape [batch, 24]; this method needs a spatial [batch, height, width, channels] layer (a conv or pooling layer).",
    );
    expect(tf.memory().numTensors).toBe(before + 2);
    [x, ...Object.values(whole), ...Object.values(chunked)].forEach((t) => (t as tf.Tensor).dispose());
  });
});
