import { describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { MESSAGES } from '../messages.js';
import { jsFunction, randomMatrix } from '../test-models.js';
import { topActivatingRows } from './top-activating-rows.js';

describe('topActivatingRows', () => {
  it('returns the k highest rows, highest first, as a sort in the test does', () => {
    const f = jsFunction(3, (r) => r[0]! - 2 * r[1]! + r[0]! * r[2]!);
    const x = randomMatrix(50, 3, 4);
    const values = f.evaluate(x);
    const sorted = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]!);
    const top = topActivatingRows(f, x, 7);
    expect(Array.from(top.indices)).toEqual(sorted.slice(0, 7));
    expectArraysClose(
      top.values,
      sorted.slice(0, 7).map((i) => values[i]!),
      0,
    );
  });

  it('breaks ties by the lower index, ranks NaN last, and returns every row when k exceeds them', () => {
    const table = [1, 3, 2, 3, NaN, 3, 2];
    const f = jsFunction(1, (r) => table[r[0]!]!);
    const x = { data: Float64Array.from(table.keys()), rows: table.length, cols: 1 };
    expect(Array.from(topActivatingRows(f, x, 4).indices)).toEqual([1, 3, 5, 2]);
    const all = topActivatingRows(f, x, 100);
    expect(Array.from(all.indices)).toEqual([1, 3, 5, 2, 6, 0, 4]);
    expect(Number.isNaN(all.values[6])).toBe(true);
  });

  const f = jsFunction(2, (r) => r[0]!);
  it.each([
    ['k 0', [[0, 0]], 0, MESSAGES.positiveInteger('topActivatingRows', 'k', 0)],
    ['k 1.5', [[0, 0]], 1.5, MESSAGES.positiveInteger('topActivatingRows', 'k', 1.5)],
    ['x of the wrong width', [[0]], 1, MESSAGES.matrixShape('topActivatingRows', 'x', 'row 0 with 1', 2)],
    ['an empty x', [], 1, MESSAGES.emptyMatrix('topActivatingRows', 'x')],
  ] as const)('refuses %s', (_, x, k, message) => {
    expect(() => topActivatingRows(f, x as never, k)).toThrow(message);
  });
});
