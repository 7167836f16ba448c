import { describe, expect, it } from 'vitest';
import { sparseRows, squaredRows, transposeRows } from './sparse-rows.js';

describe('sparseRows', () => {
  it('keeps the nonzeros of each row in column order (the doc example)', () => {
    const rows = sparseRows(Float64Array.of(0, 2, 3, 0), 2, 2);
    expect([Array.from(rows.start), Array.from(rows.index), Array.from(rows.value)]).toEqual([
      [0, 1, 2],
      [1, 0],
      [2, 3],
    ]);
  });

  it('rebuilds the dense matrix exactly, empty rows included; squaredRows squares the values', () => {
    const x = Float64Array.of(0, 0, 0, 1.5, 0, -2, 0, 0, 0, 7, 8, 9);
    const rows = sparseRows(x, 4, 3);
    const dense = new Float64Array(12);
    for (let i = 0; i < 4; i++)
      for (let at = rows.start[i]!; at < rows.start[i + 1]!; at++)
        dense[i * 3 + rows.index[at]!] = rows.value[at]!;
    expect(Array.from(dense)).toEqual(Array.from(x));
    expect(Array.from(squaredRows(rows).value)).toEqual([2.25, 4, 49, 64, 81]);
  });
});

describe('transposeRows', () => {
  it('is the CSR of the transpose (the doc example), cached per rows object', () => {
    const rows = sparseRows(Float64Array.of(0, 2, 3, 0), 2, 2);
    const t = transposeRows(rows);
    expect([Array.from(t.start), Array.from(t.index), Array.from(t.value)]).toEqual([
      [0, 1, 2],
      [1, 0],
      [3, 2],
    ]);
    expect(transposeRows(rows)).toBe(t);
  });

  it('transposing twice gives the original pattern back', () => {
    const x = Float64Array.of(0, 1, 0, 2, 3, 0, 0, 0, 4, 5, 0, 6);
    const rows = sparseRows(x, 3, 4);
    const back = transposeRows(transposeRows(rows));
    expect([Array.from(back.start), Array.from(back.index), Array.from(back.value)]).toEqual([
      Array.from(rows.start),
      Array.from(rows.index),
      Array.from(rows.value),
    ]);
  });
});
