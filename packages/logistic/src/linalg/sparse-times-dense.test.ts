import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { sparseRows } from './sparse-rows.js';
import { sparseTimesDense } from './sparse-times-dense.js';

describe('sparseTimesDense', () => {
  it('the doc example adds 2·3 to the output', () => {
    const out = Float64Array.of(1);
    sparseTimesDense(sparseRows(Float64Array.of(2), 1, 1), Float64Array.of(3), 1, 0, out);
    expect(out[0]).toBe(7);
  });

  // Row lengths 0…9 cover the 4-value pass and every remainder; offset 2 skips B's first two rows.
  it('equals the naive triple loop, added to what out held, for rows of every length mod 4', () => {
    const n = 10;
    const d = 9;
    const k = 3;
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) x[i * d + ((j * 5 + i) % d)] = 1 + i - 0.3 * j;
    const b = Float64Array.from({ length: (d + 2) * k }, (_, t) => Math.sin(t + 1));
    const out = Float64Array.from({ length: n * k }, (_, t) => t);
    const want: number[] = [];
    for (let i = 0; i < n; i++)
      for (let c = 0; c < k; c++) {
        let s = out[i * k + c]!;
        for (let j = 0; j < d; j++) s += x[i * d + j]! * b[(2 + j) * k + c]!;
        want.push(s);
      }
    sparseTimesDense(sparseRows(x, n, d), b, k, 2, out);
    // Four products summed before the add, so the order differs: measured 4.4e-16 relative; bound 1e-14.
    expectArraysClose(out, want, 1e-14, 'S·B');
  });
});
