import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../messages.js';
import { randomMatrix } from '../test-models.js';
import { featureRanges } from './feature-ranges.js';

describe('featureRanges', () => {
  it('is the per-column minimum and maximum, as Math.min/max over each column', () => {
    const x = randomMatrix(30, 4, 2, -3, 5);
    const { low, high } = featureRanges(x);
    for (let c = 0; c < 4; c++) {
      const column = Array.from({ length: 30 }, (_, r) => x.data[r * 4 + c]!);
      expect(low[c]).toBe(Math.min(...column));
      expect(high[c]).toBe(Math.max(...column));
    }
    const one = featureRanges({ data: Float64Array.of(1, -2), rows: 1, cols: 2 });
    expect([Array.from(one.low), Array.from(one.high)]).toEqual([
      [1, -2],
      [1, -2],
    ]);
  });

  it.each([
    [
      'an empty matrix',
      { data: new Float64Array(0), rows: 0, cols: 2 },
      MESSAGES.emptyMatrix('featureRanges', 'x'),
    ],
    [
      'a NaN',
      { data: Float64Array.of(0, 1, NaN, 2), rows: 2, cols: 2 },
      MESSAGES.nonFinite('featureRanges', 'x', 1, 0),
    ],
  ] as const)('refuses %s', (_, x, message) => {
    expect(() => featureRanges(x)).toThrow(message);
  });
});
