import { describe, expect, it } from 'vitest';
import type { Design } from '../data/types.js';
import { separatingDirection } from './separation.js';

const design = (rows: readonly (readonly number[])[], names?: readonly string[]): Design => {
  const d = rows[0]!.length;
  return {
    n: rows.length,
    d,
    x: Float64Array.from(rows.flat()),
    names: names ?? rows[0]!.map((_, j) => `x${j}`),
  };
};
const binary = (rows: readonly (readonly number[])[], y: readonly number[], direction: readonly number[]) =>
  separatingDirection(design(rows), (i) => y[i]!, 1, Float64Array.from(direction));
const column = (...v: number[]) => v.map((x) => [x]);

describe('separatingDirection, the kind', () => {
  it('every margin > tol: complete (x = 1 … 4 split at 2.5, margins 1.5, 0.5, 0.5, 1.5)', () => {
    const sep = binary(column(1, 2, 3, 4), [0, 0, 1, 1], [-2.5, 1]);
    expect(sep?.kind).toBe('complete');
    expect(sep?.features).toEqual(['x0']);
  });

  it('some margins 0, none negative: quasi-complete (x = 1, 2, 2, 3 split at 2)', () => {
    expect(binary(column(1, 2, 2, 3), [0, 0, 1, 1], [-2, 1])?.kind).toBe('quasi-complete');
  });

  it('a direction with an exact 0 entry (intercept 0) is checked like any other', () => {
    const direction = Float64Array.of(0, 1);
    const sep = separatingDirection(design(column(-2, -1, 1, 2)), (i) => (i < 2 ? 0 : 1), 1, direction);
    expect(sep?.kind).toBe('complete');
    expect(sep?.direction).toBe(direction);
  });

  it('a direction with a wrong-side margin is not separating', () => {
    expect(binary(column(1, 2, 3, 4), [0, 1, 0, 1], [-2.5, 1])).toBeNull();
  });
});

describe('separatingDirection, the tie tolerance tol = 1e-7·max|m|', () => {
  // Direction (0, 1): row i's margin is ±x_i. max|m| = 1000, so tol = 1e-4.
  const rows = (x: number) => column(1000, 500, -800, -300, x);
  it.each([
    ['+1e-9·max (a tie)', 1, 1e-6, 'quasi-complete'],
    ['+1e-6·max (not a tie)', 1, 1e-3, 'complete'],
    ['−1e-9·max (tolerated, a tie)', 0, 1e-6, 'quasi-complete'],
  ])('a last margin of %s', (_, y, x, kind) => {
    expect(binary(rows(x), [1, 1, 0, 0, y], [0, 1])?.kind).toBe(kind);
  });

  it('a last margin of −1e-6·max (beyond the tolerance) is not separating', () => {
    expect(binary(rows(1e-3), [1, 1, 0, 0, 0], [0, 1])).toBeNull();
  });

  it('at the boundary, as documented: m = −tol is allowed and m = +tol is a tie', () => {
    // max|m| = 1e7, so tol = 1e-7·1e7, which is exactly 1 in float64.
    expect(1e-7 * 1e7).toBe(1);
    const atTol = column(1e7, 2e6, -5e6, -3e6, 1);
    expect(binary(atTol, [1, 1, 0, 0, 0], [0, 1])?.kind).toBe('quasi-complete');
    expect(binary(atTol, [1, 1, 0, 0, 1], [0, 1])?.kind).toBe('quasi-complete');
  });
});

describe('separatingDirection, the features named: |w_j|·sd_j >= 5% of the largest', () => {
  // Each column is shift_j + s_i·m_ij with s_i = ±1 the class sign and m_ij > 0, so any w >= 0 with intercept
  // −Σ w_j·shift_j separates completely. Spreads: a ≈ 1 (shift 0.5), b ≈ 1000 (shift 0), c ≈ 1 (shift 10).
  const M = [
    [0.6, 900, 0.8],
    [1.4, 1100, 1.2],
    [0.9, 700, 1.5],
    [1.2, 1300, 0.6],
    [1.1, 1000, 1],
  ];
  const S = [1, -1, 1, -1, 1];
  const shift = [0.5, 0, 10];
  const rows = M.map((m, i) => m.map((v, j) => shift[j]! + S[i]! * v));
  const y = S.map((s) => (s > 0 ? 1 : 0));
  const sd = [0, 1, 2].map((j) => {
    const v = rows.map((r) => r[j]!);
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
  });
  /** The direction whose scaled weights |w_j|·sd_j are `scaled` (up to rounding). */
  const direction = (scaled: readonly number[]) => {
    const w = scaled.map((s, j) => s / sd[j]!);
    return [-w.reduce((s, v, j) => s + v * shift[j]!, 0), ...w];
  };
  const named = (scaled: readonly number[]) =>
    separatingDirection(design(rows, ['a', 'b', 'c']), (i) => y[i]!, 1, Float64Array.from(direction(scaled)));

  it('the direction is complete (precondition)', () => {
    expect(named([10, 0.6, 0.4])?.kind).toBe('complete');
  });

  it.each([
    // a is the largest; b at 6% is named, c at 4% is not. Unscaled, b's weight would be 1000× smaller and c's
    // spread about its mean is 1 but its root mean square is ≈ 10: those would name [a] and [a, c].
    [
      [10, 0.6, 0.4],
      ['a', 'b'],
    ],
    // The largest may be the column with the small coefficient (b: w ≈ 1e-3, spread 1000).
    [
      [0.3, 10, 0.55],
      ['b', 'c'],
    ],
    [[10, 0, 0], ['a']],
  ])('scaled weights %o name %o', (scaled, want) => {
    expect(named(scaled)?.features).toEqual(want);
  });

  it('exactly 5% is named (>=): columns with sd exactly 1, weights 10 and 0.5', () => {
    const exact = design(
      column(-1, -1, 1, 1).map(([v]) => [v!, v!]),
      ['a', 'b'],
    );
    const sep = separatingDirection(exact, (i) => (i < 2 ? 0 : 1), 1, Float64Array.of(0, 10, 0.5));
    expect(sep?.features).toEqual(['a', 'b']);
  });

  it('a direction with no feature weight (intercept only; here every row in class 1) names none', () => {
    const sep = separatingDirection(design(column(1, 2, 3)), () => 1, 1, Float64Array.of(1, 0));
    expect(sep?.kind).toBe('complete');
    expect(sep?.features).toEqual([]);
  });

  it('multiclass: a feature is named by its largest weight over the K rows of (b_k, w_k)', () => {
    // x0 orders the classes (η₀ = −x0 − 1, η₁ = 0, η₂ = x0 − 1: every margin is 1); x1 has weight 0 in every row.
    const rows3 = [
      [-2, 0.3],
      [0, -0.7],
      [2, 0.4],
    ];
    const direction = Float64Array.of(-1, -1, 0, 0, 0, 0, -1, 1, 0);
    const sep = separatingDirection(design(rows3), (i) => i, 3, direction);
    expect(sep?.kind).toBe('complete');
    expect(sep?.features).toEqual(['x0']);
  });
});
