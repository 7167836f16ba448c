import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { rowsTimes } from './rows-times.js';
import { rowsTransposeTimes } from './rows-transpose-times.js';
import { sparseRows } from './sparse-rows.js';

/** A seeded matrix with about `zeros` of its entries exactly 0. */
function matrix(n: number, d: number, zeros: number, seed: number): Float64Array {
  let s = seed;
  const u = () => ((s = (s * 1664525 + 1013904223) >>> 0) + 0.5) / 4294967296;
  return Float64Array.from({ length: n * d }, () => (u() < zeros ? 0 : 4 * u() - 2));
}

/** Naive X̃·V: out[i][c] = V[0][c] + Σⱼ x[i][j]·V[1 + j][c]. */
function naiveTimes(x: Float64Array, n: number, d: number, v: Float64Array, k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++)
    for (let c = 0; c < k; c++) {
      let s = v[c]!;
      for (let j = 0; j < d; j++) s += x[i * d + j]! * v[(1 + j) * k + c]!;
      out.push(s);
    }
  return out;
}

/** Naive X̃ᵀ·G: out[a][c] = Σᵢ x̃[i][a]·G[i][c], x̃ = (1, x). */
function naiveTransposeTimes(x: Float64Array, n: number, d: number, g: Float64Array, k: number): number[] {
  const out: number[] = [];
  for (let a = 0; a <= d; a++)
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (a === 0 ? 1 : x[i * d + a - 1]!) * g[i * k + c]!;
      out.push(s);
    }
  return out;
}

describe('rowsTimes and rowsTransposeTimes', () => {
  it('the doc examples', () => {
    const rows = sparseRows(Float64Array.of(1, 2), 1, 2);
    expect(Array.from(rowsTimes(rows, Float64Array.of(10, 1, 1), 1))).toEqual([13]);
    expect(Array.from(rowsTransposeTimes(rows, Float64Array.of(3), 1))).toEqual([3, 3, 6]);
  });

  it.each([
    [50, 7, 3, 0],
    [200, 30, 10, 0.8],
    [31, 5, 1, 1],
  ])('n = %d, d = %d, k = %d, %f zeros: equal the naive loops', (n, d, k, zeros) => {
    const x = matrix(n, d, zeros, n + d + k);
    const v = matrix(d + 1, k, 0, 3);
    const g = matrix(n, k, 0, 4);
    const rows = sparseRows(x, n, d);
    // The same products, grouped four at a time by sparseTimesDense (another rounding order); bound 1e-13 relative.
    expectArraysClose(rowsTimes(rows, v, k), naiveTimes(x, n, d, v, k), 1e-13, 'X̃·V');
    expectArraysClose(rowsTransposeTimes(rows, g, k), naiveTransposeTimes(x, n, d, g, k), 1e-13, 'X̃ᵀ·G');
  });

  it('overwrite the output they are given (no accumulation across calls)', () => {
    const rows = sparseRows(matrix(20, 4, 0.5, 9), 20, 4);
    const g = matrix(20, 2, 0, 5);
    const out = new Float64Array(10).fill(99);
    const first = Array.from(rowsTransposeTimes(rows, g, 2, out));
    expect(Array.from(rowsTransposeTimes(rows, g, 2, out))).toEqual(first);
    const times = new Float64Array(40).fill(99);
    expect(Array.from(rowsTimes(rows, matrix(5, 2, 0, 6), 2, times))).toEqual(
      Array.from(rowsTimes(rows, matrix(5, 2, 0, 6), 2)),
    );
  });
});
