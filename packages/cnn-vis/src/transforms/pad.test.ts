import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { randomValues, setupBackend } from '../test-models.js';
import { fixedDraws } from './test-fixed-draws.js';
import { pad } from './pad.js';

beforeAll(setupBackend);

describe('pad', () => {
  const shape = [2, 3, 4, 2] as const;
  const img = randomValues(2 * 3 * 4 * 2, 9);

  /** The padded image by index, in the test. */
  function padded(size: number, value: number): Float32Array {
    const [b, h, w, c] = shape;
    const H = h + 2 * size;
    const W = w + 2 * size;
    const out = new Float32Array(b * H * W * c).fill(value);
    for (let i = 0; i < b; i++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++)
          for (let ch = 0; ch < c; ch++)
            out[((i * H + y + size) * W + x + size) * c + ch] = img[((i * h + y) * w + x) * c + ch]!;
    return out;
  }

  // Padding copies values: tolerance 0.
  it.each([
    { size: 1, value: 0.25 },
    { size: 2, value: undefined },
  ])('size $size, value $value (default 0.5): a border of the value on every side', ({ size, value }) => {
    const before = tf.memory().numTensors;
    const input = tf.tensor4d(img, [...shape]);
    const out = pad(value === undefined ? { size } : { size, value })(input, fixedDraws([]));
    expect(out.shape).toEqual([2, 3 + 2 * size, 4 + 2 * size, 2]);
    expectArraysClose(out.dataSync(), padded(size, value ?? 0.5), 0, 'padded');
    tf.dispose([input, out]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([0, -1])('size %d returns the input itself', (size) => {
    const input = tf.tensor4d(img, [...shape]);
    expect(pad({ size })(input, fixedDraws([]))).toBe(input);
    input.dispose();
  });
});

describe('pad gradient', () => {
  it('is the inner crop of the output gradient (exact), and leaks no tensors', () => {
    const shape = [2, 3, 4, 3] as const;
    const r = randomValues(2 * 7 * 8 * 3, 4);
    const x = tf.tensor4d(randomValues(2 * 3 * 4 * 3, 3), [...shape]);
    const grad = () =>
      tf.tidy(() =>
        tf.grad((t: tf.Tensor) =>
          tf.sum(tf.mul(pad({ size: 2 })(t as tf.Tensor4D, fixedDraws([])), tf.tensor4d(r, [2, 7, 8, 3]))),
        )(x),
      );
    grad().dispose();
    const before = tf.memory().numTensors;
    const g = grad();
    const expected: number[] = [];
    for (let b = 0; b < 2; b++)
      for (let y = 0; y < 3; y++)
        for (let xx = 0; xx < 4; xx++)
          for (let c = 0; c < 3; c++) expected.push(r[((b * 7 + y + 2) * 8 + xx + 2) * 3 + c]!);
    expectArraysClose(g.dataSync(), expected, 0, 'pad gradient');
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
