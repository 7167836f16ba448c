import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { caught } from '../test-caught.js';
import { resizeImage } from './resize-image.js';

const random = (n: number, seed: number): Float32Array => {
  const r = createRandom(seed);
  return Float32Array.from({ length: n }, () => r.uniform() * 255);
};

/**
 * Independent references, written pixel by pixel in 2-D (not separably, no shared taps):
 * area — the mean of the source over the output pixel's rectangle, integrated exactly cell by cell;
 * bilinear — tf.image.resizeBilinear's half-pixel formula with its clamping.
 */
function naive(
  data: Float32Array,
  [h, w, c]: [number, number, number],
  [oh, ow]: [number, number],
): Float64Array {
  const out = new Float64Array(oh * ow * c);
  const coord = (i: number, n: number, m: number): [number, number, number] => {
    const x = Math.min(n - 1, Math.max(0, ((i + 0.5) * n) / m - 0.5));
    const k = Math.floor(x);
    return [k, Math.min(k + 1, n - 1), x - k];
  };
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++)
      for (let k = 0; k < c; k++) {
        const v = (r: number, q: number): number => data[(r * w + q) * c + k]!;
        // Each axis: box if shrinking, bilinear if enlarging, identity if equal.
        const rows: [number, number][] = [];
        const cols: [number, number][] = [];
        for (const [list, i, n, m] of [
          [rows, y, h, oh],
          [cols, x, w, ow],
        ] as const) {
          if (m < n) {
            const [lo, hi] = [(i * n) / m, ((i + 1) * n) / m];
            for (let s = 0; s < n; s++) {
              const overlap = Math.min(hi, s + 1) - Math.max(lo, s);
              if (overlap > 0) list.push([s, overlap / (hi - lo)]);
            }
          } else if (m > n) {
            const [a, b, f] = coord(i, n, m);
            list.push([a, 1 - f], [b, f]);
          } else list.push([i, 1]);
        }
        let sum = 0;
        for (const [r, wr] of rows) for (const [q, wq] of cols) sum += wr * wq * v(r, q);
        out[(y * ow + x) * c + k] = sum;
      }
  return out;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
};

describe('resizeImage', () => {
  it.each([
    [7, 5, 3, 3, 2],
    [4, 4, 1, 9, 13],
    [10, 6, 3, 10, 17],
    [64, 48, 3, 28, 28],
    [3, 20, 1, 11, 4],
  ] as const)(
    '[%i, %i, %i] → [%i, %i]: equals a 2-D reference, pixel by pixel (float32 rounding only)',
    (h, w, c, oh, ow) => {
      const data = random(h * w * c, h * 100 + ow);
      const got = resizeImage(data, [h, w, c], [oh, ow]);
      expect(got.length).toBe(oh * ow * c);
      expect(maxDiff(got, naive(data, [h, w, c], [oh, ow]))).toBeLessThan(1e-3); // values up to 255: float32 ulp ≈ 3e-5
    },
  );

  it('a constant image stays constant, shrinking and enlarging', () => {
    const data = new Float32Array(9 * 7 * 3).fill(42.5);
    for (const size of [
      [4, 3],
      [20, 11],
      [9, 2],
      [1, 1],
    ] as const)
      expect(
        maxDiff(resizeImage(data, [9, 7, 3], size), new Float32Array(size[0] * size[1] * 3).fill(42.5)),
      ).toBeLessThan(1e-4);
  });

  it('2× down is the mean of each 2×2 block (antialiased, not subsampled)', () => {
    const [h, w, c] = [6, 8, 2];
    const data = random(h * w * c, 3);
    const got = resizeImage(data, [h, w, c], [3, 4]);
    for (let y = 0; y < 3; y++)
      for (let x = 0; x < 4; x++)
        for (let k = 0; k < c; k++) {
          const at = (r: number, q: number): number => data[(r * w + q) * c + k]!;
          const mean =
            (at(2 * y, 2 * x) + at(2 * y, 2 * x + 1) + at(2 * y + 1, 2 * x) + at(2 * y + 1, 2 * x + 1)) / 4;
          expect(got[(y * 4 + x) * c + k]).toBeCloseTo(mean, 3);
        }
  });

  it('3× down of a 1×6 row averages triples; the total "mass" (mean) is kept for any factor', () => {
    expect([...resizeImage(Float32Array.of(0, 3, 6, 9, 12, 15), [1, 6, 1], [1, 2])]).toEqual([3, 12]);
    const data = random(13 * 17, 5);
    const mean = (a: ArrayLike<number>): number => Array.from(a).reduce((t, v) => t + v, 0) / a.length;
    expect(mean(resizeImage(data, [13, 17, 1], [5, 7]))).toBeCloseTo(mean(data), 2);
  });

  it('bilinear up keeps a linear ramp linear away from the borders', () => {
    // v(y, x) = 3x + 5y on a 6×8 grid, enlarged 2.5×: at output centre (i + ½)/2.5 − ½ in source units.
    const [h, w] = [6, 8];
    const data = Float32Array.from({ length: h * w }, (_, i) => 3 * (i % w) + 5 * Math.floor(i / w));
    const [oh, ow] = [15, 20];
    const got = resizeImage(data, [h, w, 1], [oh, ow]);
    for (let y = 0; y < oh; y++)
      for (let x = 0; x < ow; x++) {
        const sy = ((y + 0.5) * h) / oh - 0.5;
        const sx = ((x + 0.5) * w) / ow - 0.5;
        if (sy < 0 || sx < 0 || sy > h - 1 || sx > w - 1) continue; // clamped at the border
        expect(got[y * ow + x]).toBeCloseTo(3 * sx + 5 * sy, 4);
      }
  });

  it('bilinear up clamps at the borders (edge pixels repeat, as tf.image.resizeBilinear)', () => {
    expect([...resizeImage(Float32Array.of(10, 20), [1, 2, 1], [1, 4])]).toEqual([10, 12.5, 17.5, 20]);
  });

  it('the same size returns the same values in a new array', () => {
    const data = random(5 * 4 * 3, 9);
    const got = resizeImage(data, [5, 4, 3], [5, 4]);
    expect(got).toEqual(data);
    expect(got).not.toBe(data);
  });

  it('one axis shrinks while the other grows', () => {
    const data = random(8 * 3, 11);
    expect(maxDiff(resizeImage(data, [8, 3, 1], [2, 7]), naive(data, [8, 3, 1], [2, 7]))).toBeLessThan(1e-3);
  });

  it.each([
    [new Float32Array(5), [2, 2, 1], [1, 1], 'resizeImage: data.length must be 2×2×1 = 4, got 5'],
    [new Float32Array(4), [2, 2, 1], [0, 1], 'resizeImage: size must be positive integers, got "[0,1]"'],
    [
      new Float32Array(4),
      [2, 2.5, 1],
      [1, 1],
      'resizeImage: shape must be positive integers, got "[2,2.5,1]"',
    ],
  ] as const)('bad arguments: %#', (data, shape, size, message) => {
    expect(
      caught(() => resizeImage(data, shape as [number, number, number], size as [number, number])).message,
    ).toBe(message);
  });
});
