import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { weightedGram } from './weighted-gram.js';

/** Naive triple loop: H[a][b] = scale·Σᵢ wᵢ x̃ᵢₐ x̃ᵢᵦ over rows 0, stride, …, x̃ = (1, x). */
function naive(x: Float64Array, n: number, d: number, w: Float64Array, stride = 1, scale = 1): number[] {
  const p = d + 1;
  const h = new Array<number>(p * p).fill(0);
  const xt = (i: number, a: number) => (a === 0 ? 1 : x[i * d + a - 1]!);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++)
      for (let i = 0; i < n; i += stride) h[a * p + b] = h[a * p + b]! + w[i]! * xt(i, a) * xt(i, b);
  return h.map((v) => v * scale);
}

function data(n: number, d: number, seed: number): { x: Float64Array; w: Float64Array } {
  let s = seed;
  const u = () => ((s = (s * 1664525 + 1013904223) >>> 0) + 0.5) / 4294967296;
  return {
    x: Float64Array.from({ length: n * d }, () => 4 * u() - 2),
    w: Float64Array.from({ length: n }, u),
  };
}

describe('weightedGram', () => {
  it('equals the naive triple loop on the doc example', () => {
    expect(Array.from(weightedGram(Float64Array.of(1, 2), 2, 1, Float64Array.of(1, 1)))).toEqual([
      2, 3, 3, 5,
    ]);
  });

  // Shapes that hit every remainder: p mod 4 = 0…3, blocks of B rows with a partial last block (B = 256 at p <= 8).
  it.each([
    [1, 1],
    [7, 2],
    [300, 3],
    [513, 6],
    [1000, 20],
    [97, 30],
  ])('n = %d, d = %d: equals the naive loop, symmetric', (n, d) => {
    const { x, w } = data(n, d, n * 31 + d);
    const h = weightedGram(x, n, d, w);
    // Same products summed in a different order: measured relative error <= 4e-16; bound 1e-13.
    expectArraysClose(h, naive(x, n, d, w), 1e-13, 'XᵀWX');
    const p = d + 1;
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) expect(h[a * p + b]).toBe(h[b * p + a]);
  });

  it('a strided, scaled subsample equals the naive loop over those rows', () => {
    const { x, w } = data(1001, 5, 7);
    const h = weightedGram(x, 1001, 5, w, { stride: 7, scale: 7 });
    expectArraysClose(h, naive(x, 1001, 5, w, 7, 7), 1e-13, 'strided');
  });
});
