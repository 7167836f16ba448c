import { describe, expect, it } from 'vitest';
import { sparseRows, squaredRows } from './sparse-rows.js';

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
