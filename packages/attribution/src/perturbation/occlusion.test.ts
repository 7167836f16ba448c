import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdapter } from '../core/prepare.js';
import { linearModel, randomInputs, setupBackend, smallCnn, weightColumn } from '../test-models.js';
import { occlusion, windowStarts } from './occlusion.js';

beforeAll(setupBackend);

/** Captum's window starts, counted independently: k·stride for k = 0 … ceil((size − window) / stride). */
function starts(size: number, window: number, stride: number): number[] {
  const out: number[] = [];
  for (let s = 0; s - stride < size - window; s += stride) out.push(s);
  return out;
}

/**
 * Direct float64 loop: every window occluded on its own image, scored by the model, drops summed per pixel and
 * divided by the coverage count (Captum's definition).
 */
function directOcclusion(
  score: (image: Float32Array) => number,
  x: Float32Array,
  [h, w, c]: readonly [number, number, number],
  window: number,
  stride: number,
  baseline: number,
): Float64Array {
  const sum = new Float64Array(h * w);
  const count = new Float64Array(h * w);
  const full = score(x);
  for (const y0 of starts(h, window, stride))
    for (const x0 of starts(w, window, stride)) {
      const copy = Float32Array.from(x);
      for (let y = y0; y < Math.min(h, y0 + window); y++)
        for (let xx = x0; xx < Math.min(w, x0 + window); xx++)
          for (let k = 0; k < c; k++) copy[(y * w + xx) * c + k] = baseline;
      const drop = full - score(copy);
      for (let y = y0; y < Math.min(h, y0 + window); y++)
        for (let xx = x0; xx < Math.min(w, x0 + window); xx++)
          [sum[y * w + xx], count[y * w + xx]] = [sum[y * w + xx]! + drop, count[y * w + xx]! + 1];
    }
  return Float64Array.from(
    { length: h * w * c },
    (_, i) => sum[Math.floor(i / c)]! / count[Math.floor(i / c)]!,
  );
}

describe('occlusion', () => {
  it('places windows at 0, stride, … with the last one cut at the far edge (Captum: 1 + ceil((h − window) / stride))', () => {
    expect(windowStarts(8, 3, 2)).toEqual([0, 2, 4, 6]);
    expect(windowStarts(8, 4, 2)).toEqual([0, 2, 4]);
    expect(windowStarts(8, 8, 1)).toEqual([0]);
    expect(windowStarts(7, 3, 3)).toEqual(starts(7, 3, 3));
  });

  it('equals a direct float64 loop over windows on a small CNN with 2 channels, an uneven edge and a baseline of 0.5', () => {
    const model = smallCnn(21, 2);
    const adapter = asAdapter(model);
    const x = randomInputs(2, [8, 8, 2], 22);
    const { attributions } = occlusion.attribute(model, x, {
      targets: [1, 3],
      window: 3,
      stride: 2,
      baselines: 0.5,
    });
    const data = x.dataSync() as Float32Array;
    const score = (k: number) => (image: Float32Array) =>
      tf.tidy(
        () => adapter.activations(tf.tensor4d(image, [1, 8, 8, 2]), ['logits'])['logits']!.dataSync()[k]!,
      );
    const expected = [
      ...directOcclusion(score(1), data.slice(0, 128), [8, 8, 2], 3, 2, 0.5),
      ...directOcclusion(score(3), data.slice(128), [8, 8, 2], 3, 2, 0.5),
    ];
    // Both sides score the same float32 images; only the averaging order differs (measured 2e-9).
    expectArraysClose(attributions, expected, 1e-7);
    expect(attributions.shape).toEqual([2, 8, 8, 2]);
    [x, attributions].forEach((t) => t.dispose());
  });

  it('on a linear model is the mean over covering windows of Σ_window w ⊙ (x − b) (closed form, tensor baseline)', () => {
    const fixture = linearModel([6, 6, 1], 3, 23);
    const x = randomInputs(1, [6, 6, 1], 24);
    const b = randomInputs(1, [6, 6, 1], 25);
    const { attributions } = occlusion.attribute(fixture.model, x, {
      targets: 2,
      window: 4,
      stride: 1,
      baselines: b,
    });
    const wk = weightColumn(fixture, 2);
    const [xd, bd] = [x.dataSync() as Float32Array, b.dataSync() as Float32Array];
    const expected = new Float64Array(36);
    // Closed form: windows starting at 0..2 on each axis; the drop of window W is Σ_{i∈W} w_i (x_i − b_i).
    const sum = new Float64Array(36);
    const count = new Float64Array(36);
    for (let y0 = 0; y0 <= 2; y0++)
      for (let x0 = 0; x0 <= 2; x0++) {
        let drop = 0;
        for (let y = y0; y < y0 + 4; y++)
          for (let xx = x0; xx < x0 + 4; xx++) drop += wk[y * 6 + xx]! * (xd[y * 6 + xx]! - bd[y * 6 + xx]!);
        for (let y = y0; y < y0 + 4; y++)
          for (let xx = x0; xx < x0 + 4; xx++)
            [sum[y * 6 + xx], count[y * 6 + xx]] = [sum[y * 6 + xx]! + drop, count[y * 6 + xx]! + 1];
      }
    for (let i = 0; i < 36; i++) expected[i] = sum[i]! / count[i]!;
    // float32 logits of a 36-weight linear model against float64 (measured 8e-8).
    expectArraysClose(attributions, expected, 2e-6);
    [x, b, attributions].forEach((t) => t.dispose());
  });

  it('gives the same result in chunks of one row with the default window 4 and stride 2, and leaks no tensor', () => {
    const model = smallCnn(26);
    const x = randomInputs(3, [8, 8, 1], 27);
    const whole = occlusion.attribute(model, x, { targets: [0, 1, 2] }).attributions;
    const before = tf.memory().numTensors;
    const chunked = occlusion.attribute(model, x, { targets: [0, 1, 2], internalBatchSize: 1 }).attributions;
    expect(tf.memory().numTensors).toBe(before + 1);
    expectArraysClose(chunked, whole, 1e-6);
    [x, whole, chunked].forEach((t) => t.dispose());
  });

  it.each([
    [
      'a window larger than the image',
      { targets: 0, window: 9 },
      'occlusion: options.window [9, 9] is larger than the image [8, 8].',
    ],
    [
      'a zero stride',
      { targets: 0, stride: 0 },
      'occlusion: options.stride must be a positive integer; got 0.',
    ],
    [
      'a fractional window',
      { targets: 0, window: [2, 2.5] },
      'occlusion: options.window[1] must be a positive integer; got 2.5.',
    ],
    [
      'a stride larger than the window',
      { targets: 0, window: 2, stride: 3 },
      'occlusion: options.stride [3, 3] must not exceed options.window [2, 2], or some pixels are never occluded.',
    ],
    [
      'a non-finite baseline',
      { targets: 0, baselines: Number.NaN },
      'occlusion: options.baselines must be a finite number, a baseline name or a tensor; got NaN.',
    ],
    [
      'a mean baseline without data',
      { targets: 0, baselines: 'mean' },
      "occlusion: the 'mean' baseline needs data (a [m, height, width, channels] tensor of dataset images); none was given.",
    ],
    [
      'a class out of range',
      { targets: 4 },
      "occlusion: target 4 is not a class of 'logits', which has classes 0..3.",
    ],
  ])('rejects %s with a message naming it, leaking nothing', (_, options, message) => {
    const model = smallCnn(28);
    const x = randomInputs(2, [8, 8, 1], 29);
    const before = tf.memory().numTensors;
    expect(() => occlusion.attribute(model, x, options as never)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
