import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomValues, setupBackend } from '../test-models.js';
import { ssim } from './ssim.js';

beforeAll(setupBackend);

/** SSIM in float64 from the definition: every pixel's window clipped to the image, weights renormalized. */
function ssim64(
  a: Float32Array,
  b: Float32Array,
  [n, h, w, c]: readonly [number, number, number, number],
  sigma = 1.5,
  r = 5,
): Float64Array {
  const out = new Float64Array(n);
  const size = h * w * c;
  for (let i = 0; i < n; i++) {
    const at = (v: Float32Array, y: number, x: number, ch: number) => v[i * size + (y * w + x) * c + ch]!;
    const all = [...a.subarray(i * size, (i + 1) * size), ...b.subarray(i * size, (i + 1) * size)];
    const range = Math.max(...all) - Math.min(...all) || 1;
    const [c1, c2] = [(0.01 * range) ** 2, (0.03 * range) ** 2];
    let total = 0;
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          let [sw, ma, mb] = [0, 0, 0];
          const cells: [number, number, number][] = [];
          for (let dy = -r; dy <= r; dy++)
            for (let dx = -r; dx <= r; dx++) {
              const [yy, xx] = [y + dy, x + dx];
              if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
              const wt = Math.exp(-(dy * dy) / (2 * sigma ** 2)) * Math.exp(-(dx * dx) / (2 * sigma ** 2));
              cells.push([wt, at(a, yy, xx, ch), at(b, yy, xx, ch)]);
              sw += wt;
            }
          for (const [wt, va, vb] of cells) [ma, mb] = [ma + (wt * va) / sw, mb + (wt * vb) / sw];
          let [va2, vb2, cab] = [0, 0, 0];
          for (const [wt, va, vb] of cells) {
            va2 += (wt * (va - ma) ** 2) / sw;
            vb2 += (wt * (vb - mb) ** 2) / sw;
            cab += (wt * (va - ma) * (vb - mb)) / sw;
          }
          total += ((2 * ma * mb + c1) * (2 * cab + c2)) / ((ma * ma + mb * mb + c1) * (va2 + vb2 + c2));
        }
    out[i] = total / (h * w * c);
  }
  return out;
}

describe('ssim', () => {
  it('is 1 for identical maps and symmetric', () => {
    const a = tf.tensor4d(randomValues(2 * 64, 1), [2, 8, 8, 1]);
    const b = tf.tensor4d(randomValues(2 * 64, 2), [2, 8, 8, 1]);
    const [same, ab, ba] = [ssim(a, a), ssim(a, b), ssim(b, a)];
    // E[x²] − μ² in float32 on values in [−1, 1]: cancellation ≈ 1e-7 against variances ≈ 0.3.
    expectArraysClose(same, [1, 1], 1e-5);
    expectArraysClose(ab, ba, 1e-6);
    expect(Math.max(...ab.dataSync())).toBeLessThan(0.5);
    [a, b, same, ab, ba].forEach((t) => t.dispose());
  });

  it('is (2pq + C1) / (p² + q² + C1) for constant maps p and q (closed form, L = |p − q|)', () => {
    const a = tf.fill([1, 6, 6, 2], 0.25);
    const b = tf.fill([1, 6, 6, 2], 0.75);
    const s = ssim(a, b);
    const c1 = (0.01 * 0.5) ** 2;
    // Local means of a constant are the constant up to float32 rounding (measured 6e-8).
    expectArraysClose(s, [(2 * 0.25 * 0.75 + c1) / (0.25 ** 2 + 0.75 ** 2 + c1)], 1e-6);
    [a, b, s].forEach((t) => t.dispose());
  });

  it('matches a float64 reimplementation on random 9×7×2 maps, also with a 7×7 window of σ 1', () => {
    const shape: [number, number, number, number] = [2, 9, 7, 2];
    const va = randomValues(2 * 126, 3);
    const vb = randomValues(2 * 126, 4).map((v, i) => 0.5 * v + va[i]!);
    const a = tf.tensor4d(va, shape);
    const b = tf.tensor4d(vb, shape);
    const [s, t] = [ssim(a, b), ssim(a, b, { sigma: 1, radius: 3 })];
    // Float32 local moments of mean-removed maps (sums of ≤ 121 terms): measured 4e-8, allowed 1e-6.
    expectArraysClose(s, ssim64(va, vb, shape), 1e-6);
    expectArraysClose(t, ssim64(va, vb, shape, 1, 3), 1e-6);
    [a, b, s, t].forEach((x) => x.dispose());
  });

  it.each([
    ['a rank-2 map', [1, 4], [1, 4], {}, 'ssim: maps must be [n, height, width, channels]; got [1, 4].'],
    [
      'maps of different shapes',
      [1, 4, 4, 1],
      [1, 4, 3, 1],
      {},
      'ssim: the second maps have shape [1, 4, 3, 1]; they must have shape [1, 4, 4, 1].',
    ],
    [
      'a zero sigma',
      [1, 4, 4, 1],
      [1, 4, 4, 1],
      { sigma: 0 },
      'ssim: options.sigma must be a finite number > 0; got 0.',
    ],
    [
      'a fractional radius',
      [1, 4, 4, 1],
      [1, 4, 4, 1],
      { radius: 1.5 },
      'ssim: options.radius must be a positive integer; got 1.5.',
    ],
  ])('rejects %s, leaking nothing', (_, sa, sb, options, message) => {
    const [a, b] = [tf.zeros(sa), tf.zeros(sb)];
    const before = tf.memory().numTensors;
    expect(() => ssim(a, b, options)).toThrow(message);
    const ok = ssim(tf.zeros([1, 4, 4, 1]), tf.zeros([1, 4, 4, 1]));
    ok.dispose();
    expect(tf.memory().numTensors).toBe(before + 2);
    [a, b].forEach((t) => t.dispose());
  });
});
