import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdapter, tiledOwners } from '../core/prepare.js';
import { resolveTargets } from '../core/target.js';
import { randomInputs, randomValues, setupBackend, smallCnn } from '../test-models.js';
import { camResult, gradCam } from './grad-cam.js';
import { layerGradients } from './layer-gradients.js';

beforeAll(setupBackend);

/** Float64 resize of `map` `[h, w]` to `[H, W]` (PyTorch's `nearest` and half-pixel `bilinear`, align_corners=False). */
function resize64(map: Float64Array, h: number, w: number, H: number, W: number, mode: string): Float64Array {
  const out = new Float64Array(H * W);
  const at = (y: number, x: number) => map[y * w + x]!;
  for (let i = 0; i < H; i++)
    for (let j = 0; j < W; j++) {
      if (mode === 'nearest') {
        out[i * W + j] = at(
          Math.min(h - 1, Math.floor((i * h) / H)),
          Math.min(w - 1, Math.floor((j * w) / W)),
        );
        continue;
      }
      const sy = Math.max(0, ((i + 0.5) * h) / H - 0.5);
      const sx = Math.max(0, ((j + 0.5) * w) / W - 0.5);
      const [y0, x0] = [Math.floor(sy), Math.floor(sx)];
      const [y1, x1] = [Math.min(h - 1, y0 + 1), Math.min(w - 1, x0 + 1)];
      const [fy, fx] = [sy - y0, sx - x0];
      const top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx;
      const bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx;
      out[i * W + j] = top * (1 - fy) + bottom * fy;
    }
  return out;
}

/** Float64 Grad-CAM of row `r` from A and ∂f/∂A `[n, h, w, c]`: Σ_c mean_ij(g_c) A_c. */
function gradCam64(
  a: Float32Array,
  g: Float32Array,
  r: number,
  h: number,
  w: number,
  c: number,
): Float64Array {
  const size = h * w * c;
  const weight = new Float64Array(c);
  for (let p = 0; p < h * w; p++)
    for (let k = 0; k < c; k++) weight[k]! += g[r * size + p * c + k]! / (h * w);
  return Float64Array.from({ length: h * w }, (_, p) =>
    Array.from({ length: c }, (_, k) => weight[k]! * a[r * size + p * c + k]!).reduce((s, v) => s + v, 0),
  );
}

describe('gradcam', () => {
  it.each(['bilinear', 'nearest'] as const)(
    'equals a float64 reimplementation from the layer gradients (upsample %s)',
    (upsample) => {
      const model = smallCnn(31);
      const adapter = asAdapter(model);
      const x = randomInputs(2, [8, 8, 1], 32);
      const { attributions, layerAttributions } = gradCam.attribute(model, x, {
        targets: [1, 3],
        layer: 'conv1',
        upsample,
      });
      const targets = resolveTargets(adapter, [1, 3], 2, 'logits', 't');
      const lg = layerGradients(adapter, x, tiledOwners(2, 1), targets, 'conv1', 64);
      const [a, g] = [lg.activations.dataSync() as Float32Array, lg.gradients.dataSync() as Float32Array];
      expect(layerAttributions!.shape).toEqual([2, 6, 6, 1]);
      expect(attributions.shape).toEqual([2, 8, 8, 1]);
      const layerData = layerAttributions!.dataSync();
      const data = attributions.dataSync();
      for (const r of [0, 1]) {
        const map = gradCam64(a, g, r, 6, 6, 4);
        // float32 sums of ≤ 144 products of O(1) values: ~1e-6.
        expectArraysClose(layerData.subarray(r * 36, (r + 1) * 36), map, 1e-5);
        const up = resize64(
          map.map((v) => Math.max(0, v)),
          6,
          6,
          8,
          8,
          upsample,
        );
        expectArraysClose(data.subarray(r * 64, (r + 1) * 64), up, 1e-5);
      }
      [x, attributions, layerAttributions!, ...Object.values(lg)].forEach((t) => (t as tf.Tensor).dispose());
    },
  );

  it('equals the CAM of Zhou et al. on a GAP → dense head: Σ_c W_{c,t} A_c / (h·w) (closed form)', () => {
    const [c, classes] = [5, 3];
    const kernel = randomValues(c * classes, 33);
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({
          inputShape: [8, 8, 2],
          filters: c,
          kernelSize: 3,
          activation: 'tanh',
          name: 'conv',
        }),
        tfl.layers.globalAveragePooling2d({ name: 'gap' }),
        tfl.layers.dense({
          units: classes,
          activation: 'softmax',
          name: 'probs',
          weights: [tf.tensor2d(kernel, [c, classes]), tf.zeros([classes])],
        }),
      ],
    });
    const x = randomInputs(2, [8, 8, 2], 34);
    const { attributions, layerAttributions } = gradCam.attribute(model, x, {
      targets: [2, 0],
      layer: 'conv',
    });
    const acts = asAdapter(model).activations(x, ['conv'])['conv']!;
    const a = acts.dataSync();
    const expected = [2, 0].flatMap((t, r) =>
      Array.from({ length: 36 }, (_, p) => {
        let s = 0;
        for (let k = 0; k < c; k++) s += (kernel[k * classes + t]! * a[(r * 36 + p) * c + k]!) / 36;
        return s;
      }),
    );
    // float32 rounding of 5-term sums of O(1/36) values.
    expectArraysClose(layerAttributions!, expected, 1e-6);
    expect(attributions.shape).toEqual([2, 8, 8, 2]);
    [x, acts, attributions, layerAttributions!].forEach((t) => t.dispose());
  });

  it.each(['bilinear', 'nearest'] as const)(
    'upsamples a constant map to a constant, over every input channel (%s)',
    (upsample) => {
      const inputs = tf.zeros([2, 8, 8, 3]);
      const activations = tf.fill([2, 3, 3, 2], 0.5) as tf.Tensor4D;
      const gradients = tf.zeros([2, 3, 3, 2]) as tf.Tensor4D;
      const weights = tf.tensor4d([1, 2, 3, 4], [2, 1, 1, 2]);
      const { attributions, layerAttributions } = camResult(inputs, weights, {
        activations,
        gradients,
        relu: true,
        upsample,
      });
      const expected = [...Array(192).fill(1.5), ...Array(192).fill(3.5)];
      expectArraysClose(attributions, expected, 1e-6);
      expect(layerAttributions!.shape).toEqual([2, 3, 3, 1]);
      [inputs, attributions, layerAttributions!].forEach((t) => t.dispose());
    },
  );

  it('keeps negative values without relu, and layerAttributions is never ReLU-ed', () => {
    const model = smallCnn(35);
    const x = randomInputs(3, [8, 8, 1], 36);
    const off = gradCam.attribute(model, x, {
      targets: [0, 1, 2],
      layer: 'pool',
      relu: false,
      upsample: 'nearest',
    });
    const on = gradCam.attribute(model, x, { targets: [0, 1, 2], layer: 'pool', upsample: 'nearest' });
    const lows = tf.tidy(() => [
      tf.min(off.layerAttributions!).dataSync()[0]!,
      tf.min(on.attributions).dataSync()[0]!,
    ]);
    expect(lows[0]).toBeLessThan(0);
    expect(lows[1]).toBeGreaterThanOrEqual(0);
    expectArraysClose(off.layerAttributions!, on.layerAttributions!, 0);
    [x, ...Object.values(off), ...Object.values(on)].forEach((t) => (t as tf.Tensor).dispose());
  });

  it('gives the same result in chunks of one row and leaks no tensor', () => {
    const model = smallCnn(37);
    const x = randomInputs(3, [8, 8, 1], 38);
    const whole = gradCam.attribute(model, x, { targets: [0, 1, 3], layer: 'conv2' });
    const before = tf.memory().numTensors;
    const chunked = gradCam.attribute(model, x, { targets: [0, 1, 3], layer: 'conv2', internalBatchSize: 1 });
    expect(tf.memory().numTensors).toBe(before + 2);
    expectArraysClose(chunked.attributions, whole.attributions, 1e-6);
    [x, ...Object.values(whole), ...Object.values(chunked)].forEach((t) => (t as tf.Tensor).dispose());
  });

  it.each([
    ['no layer', { targets: 0 }, "gradcam: the method 'gradcam' needs options.layer (a layer name)."],
    [
      'a non-spatial layer',
      { targets: 0, layer: 'flat' },
      "gradcam: options.layer 'flat' has output shape [batch, 24]; this method needs a spatial [batch, height, width, channels] layer (a conv or pooling layer).",
    ],
    [
      'an unknown upsample mode',
      { targets: 0, layer: 'conv1', upsample: 'cubic' },
      "gradcam: options.upsample must be one of 'bilinear', 'nearest'; got \"cubic\".",
    ],
    [
      'an unknown layer',
      { targets: 0, layer: 'conv9' },
      'gradcam: options.layer must name a layer of this model (conv1, pool, conv2, flat, probs); got "conv9".',
    ],
  ])('rejects %s with a message naming it, leaking nothing', (_, options, message) => {
    const model = smallCnn(39);
    const x = randomInputs(2, [8, 8, 1], 40);
    const before = tf.memory().numTensors;
    expect(() => gradCam.attribute(model, x, options as never)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
