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
