import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { randomValues, setupBackend } from '../test-models.js';
import { jitter } from './jitter.js';
import { fixedDraws } from './test-fixed-draws.js';

beforeAll(setupBackend);

/** `image[:, oy : oy + h, ox : ox + w, :]` by index, in the test. */
function crop(
  img: Float32Array,
  [b, hh, ww, c]: readonly number[],
  oy: number,
  ox: number,
  h: number,
  w: number,
) {
  const out: number[] = [];
  for (let i = 0; i < b!; i++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let ch = 0; ch < c!; ch++) out.push(img[((i * hh! + oy + y) * ww! + ox + x) * c! + ch]!);
  return Float32Array.from(out);
}

describe('jitter', () => {
  const shape = [2, 7, 6, 3] as const;
  const img = randomValues(2 * 7 * 6 * 3, 5);

  // A crop copies values: tolerance 0.
  it.each([
    { pixels: 2, draws: [0, 0], oy: 0, ox: 0, why: 'u = 0 → offset 0' },
    { pixels: 2, draws: [0.999, 0.5], oy: 2, ox: 1, why: 'offset floor(u·(d + 1)): 0.999 → d = 2, 0.5 → 1' },
    { pixels: 3, draws: [0.3, 0.99], oy: 1, ox: 3, why: 'd = 3: 0.3 → 1, 0.99 → 3' },
    {
      pixels: 1.6,
      draws: [0.7, 0.2],
      oy: 2,
      ox: 0,
      why: 'pixels rounded: 1.6 → d = 2; floor(0.7·3) = 2, floor(0.2·3) = 0',
    },
  ])(
    'pixels $pixels, draws $draws: crops [H − d, W − d] at (oy, ox) = ($oy, $ox)',
    ({ pixels, draws, oy, ox }) => {
      const d = Math.round(pixels);
      const rng = fixedDraws(draws);
      const before = tf.memory().numTensors;
      // Transforms run inside the caller's tidy (the crop's reshapes are intermediates).
      const out = tf.tidy(() => jitter({ pixels })(tf.tensor4d(img, [...shape]), rng));
      expect(out.shape).toEqual([2, 7 - d, 6 - d, 3]);
      expectArraysClose(out.dataSync(), crop(img, shape, oy, ox, 7 - d, 6 - d), 0, 'crop');
      expect(rng.used()).toBe(2);
      out.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it.each([0, 0.4, -3])(
    'pixels %d (d = 0 after rounding and clamping) returns the input and draws nothing',
    (pixels) => {
      const rng = fixedDraws([]);
      const input = tf.tensor4d(img, [...shape]);
      const out = jitter({ pixels })(input, rng);
      expect(out).toBe(input);
      expect(rng.used()).toBe(0);
      input.dispose();
    },
  );
});
