/** topActivatingPatches against a float64 scan: best patch per image, top k images, ties, and its error messages. */
import { describe, expect, it } from 'vitest';
import type { FirstConvKernels } from './first-conv.js';
import { topActivatingPatches } from './top-patches.js';

/** Kernels `[k, k, 1, cout]` from `filters[f][y·k + x]`, with `bias`. */
function kernelsOf(
  filters: readonly (readonly number[])[],
  k: number,
  bias?: readonly number[],
): FirstConvKernels {
  const cout = filters.length;
  const kernel = new Float32Array(k * k * cout);
  filters.forEach((w, f) => w.forEach((v, i) => (kernel[i * cout + f] = v)));
  return {
    layer: 'hand',
    kernel,
    shape: [k, k, 1, cout],
    bias: bias === undefined ? undefined : Float32Array.from(bias),
  };
}

/** Float64 reference: every 'valid' position of every image, each image's best (first on a tie), top k (lower row first). */
function reference(
  w: readonly number[],
  b: number,
  images: Float32Array,
  n: number,
  h: number,
  side: number,
  k: number,
) {
  const per = Array.from({ length: n }, (_, i) => {
    let best = { r: -Infinity, y: 0, x: 0 };
    for (let y = 0; y + k <= h; y++)
      for (let x = 0; x + k <= side; x++) {
        let r = 0;
        for (let p = 0; p < k * k; p++)
          r += w[p]! * images[i * h * side + (y + Math.floor(p / k)) * side + x + (p % k)]!;
        if (r + b > best.r) best = { r: r + b, y, x };
      }
    return { i, ...best };
  });
  return per.sort((a, c) => (c.r === a.r ? a.i - c.i : c.r - a.r));
}

describe('topActivatingPatches', () => {
  // 5 images of 6×6 with values in [0, 1], two 2×2 filters (a vertical edge, a dot) and biases.
  const n = 5;
  const images = Float32Array.from({ length: n * 36 }, (_, j) => (Math.sin(1.7 * j + 0.3) + 1) / 2);
  const filters = [
    [1, -1, 1, -1],
    [0.5, 0, 0, 0],
  ];
  const bias = [0.25, -1];

  it('keeps each image best patch and the top k images, matching a float64 reference', () => {
    const report = topActivatingPatches(kernelsOf(filters, 2, bias), images, [n, 6, 6, 1], { k: 3 });
    expect([report.layer, report.k, report.patchShape]).toEqual(['hand', 3, [2, 2, 1]]);
    report.filters.forEach((t, f) => {
      const ref = reference(filters[f]!, bias[f]!, images, n, 6, 6, 2).slice(0, 3);
      expect(t.images).toEqual(ref.map((r) => r.i));
      expect(t.positions).toEqual(ref.map((r) => ({ y: r.y, x: r.x })));
      // Same float64 sums in the same order, zero pixels skipped: measured |Δ| 0; tolerance 1e-12.
      t.responses.forEach((r, j) => expect(Math.abs(r - ref[j]!.r)).toBeLessThanOrEqual(1e-12));
      ref.forEach((r, j) => {
        const at = (dy: number, dx: number) => images[r.i * 36 + (r.y + dy) * 6 + r.x + dx]!;
        expect(Array.from(t.patches.subarray(4 * j, 4 * j + 4))).toEqual([
          at(0, 0),
          at(0, 1),
          at(1, 0),
          at(1, 1),
        ]);
      });
    });
  });

  it('breaks ties by the first position in an image and by the lower image row', () => {
    // Three identical all-zero images: every response is the bias; image 0 first, position (0, 0).
    const report = topActivatingPatches(kernelsOf([[1, 1, 1, 1]], 2), new Float32Array(3 * 9), [3, 3, 3, 1], {
      k: 3,
    });
    expect(report.filters[0]!.images).toEqual([0, 1, 2]);
    expect(report.filters[0]!.positions).toEqual([
      { y: 0, x: 0 },
      { y: 0, x: 0 },
      { y: 0, x: 0 },
    ]);
    expect(report.filters[0]!.responses).toEqual([0, 0, 0]);
  });

  it.each([
    ['k 0', [n, 6, 6, 1], { k: 0 }, 'topActivatingPatches: k must be a positive integer; got 0.'],
    ['k 2.5', [n, 6, 6, 1], { k: 2.5 }, 'topActivatingPatches: k must be a positive integer; got 2.5.'],
    ['k above n', [n, 6, 6, 1], { k: 6 }, 'topActivatingPatches: k needs at least 6 images; got 5.'],
    [
      'a wrong length',
      [n, 6, 5, 1],
      {},
      'topActivatingPatches: images must be [n, height, width, 1 | 3]; got [5, 6, 5, 1.2].',
    ],
    [
      'two channels',
      [n, 6, 3, 2],
      {},
      'topActivatingPatches: images must be [n, height, width, 1 | 3]; got [5, 6, 3, 2].',
    ],
  ] as const)('rejects %s', (_case, shape, options, message) => {
    expect(() =>
      topActivatingPatches(
        kernelsOf(filters, 2, bias),
        images,
        shape as unknown as [number, number, number, number],
        options,
      ),
    ).toThrow(message);
  });
});
