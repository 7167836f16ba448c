import { describe, expect, it } from 'vitest';
import { agreement, pearson } from './agreement.js';

describe('pearson', () => {
  it('equals the textbook value, is invariant to affine maps and flips sign with one', () => {
    // [1, 2, 3] vs [2, 4, 7]: Σdadb = 5, Σda² = 2, Σdb² = 12.667 → r = 5 / √25.333 (exact in float64 to 1e-15).
    expect(pearson([1, 2, 3], [2, 4, 7])).toBeCloseTo(5 / Math.sqrt(2 * (38 / 3)), 14);
    const a = [0.3, -1.2, 2.5, 0.1];
    const b = [1.1, -0.4, 0.9, 0.2];
    const r = pearson(a, b)!;
    expect(
      pearson(
        a.map((v) => 3 * v - 7),
        b,
      ),
    ).toBeCloseTo(r, 14);
    expect(
      pearson(
        a.map((v) => -2 * v),
        b,
      ),
    ).toBeCloseTo(-r, 14);
  });

  it('is null for a constant vector or one value, and never passes ±1', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([2], [3])).toBeNull();
    // Two points always lie on a line: rounding gave −1.0000000000000002 on the XOR table before the clamp.
    expect(
      pearson([0.003075866978458225, 0.07831300421350652], [-8.531371310800315, -8.550811087042094]),
    ).toBe(-1);
  });
});

describe('agreement', () => {
  it('lists the features whose signs differ, counting a zero as agreeing with anything', () => {
    const a = agreement(['a', 'b', 'c', 'd'], [1, -1, 0, 2], [2, 0.5, -3, 1]);
    expect(a.signDisagreements).toEqual(['b']);
    expect(a.summary).toBe(`Pearson r = ${a.pearson!.toFixed(2)}; the signs differ on b.`);
  });

  it('says when all signs agree, when r is undefined and when two features make r trivially ±1', () => {
    expect(agreement(['a', 'b', 'c'], [1, 2, 3], [2, 4, 7]).summary).toBe(
      'Pearson r = 0.99; the signs agree on all 3 features.',
    );
    expect(agreement(['a', 'b', 'c'], [1, 1, 1], [2, 4, 7]).summary).toBe(
      'Pearson r undefined (a constant vector); the signs agree on all 3 features.',
    );
    expect(agreement(['x1', 'x2'], [0.1, 0.2], [-1, -3]).summary).toBe(
      'Pearson r = -1.00 (always ±1 with 2 features); the signs differ on x1, x2.',
    );
  });
});
