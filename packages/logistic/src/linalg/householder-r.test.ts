import { describe, expect, it } from 'vitest';
import { householderR } from './householder-r.js';

const column = (...v: number[]) => Float64Array.from(v);

/** (AᵀA)_{jk} from the columns, and (RᵀR)_{jk} from row-major R. */
const gram = (cols: Float64Array[]) =>
  cols.map((a) => cols.map((b) => a.reduce((s, v, i) => s + v * b[i]!, 0)));
const rtr = (r: Float64Array, n: number) =>
  Array.from({ length: n }, (_, j) =>
    Array.from({ length: n }, (_, k) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += r[i * n + j]! * r[i * n + k]!;
      return s;
    }),
  );

describe('householderR', () => {
  it('one column: R = ∓‖a‖ (the sign opposite to a₀, which avoids cancellation)', () => {
    expect(Array.from(householderR([column(3, 4)], 2))).toEqual([-5]);
    expect(Array.from(householderR([column(-3, 4)], 2))).toEqual([5]);
  });

  it('R is upper triangular and RᵀR = AᵀA to 2e-15 relative (a 5 × 3 example)', () => {
    const cols = [column(1, 2, 3, 4, 5), column(2, -1, 0.5, 3, 1), column(0.1, 0.2, -7, 1, 2)];
    const want = gram(cols);
    const r = householderR(
      cols.map((c) => c.slice()),
      5,
    );
    for (let i = 0; i < 3; i++) for (let j = 0; j < i; j++) expect(r[i * 3 + j]).toBe(0);
    const got = rtr(r, 3);
    // |RᵀR − AᵀA| / (AᵀA)_jj, measured at most 2.3e-16; bound ≈ 9×.
    for (let j = 0; j < 3; j++)
      for (let k = 0; k < 3; k++)
        expect(Math.abs(got[j]![k]! - want[j]![k]!) / Math.abs(want[j]![j]!)).toBeLessThan(2e-15);
  });

  it('entries of 1e200 and 1e-200 neither overflow nor underflow', () => {
    // R₀ = −‖a‖ = −5·scale, measured 1.4e-16 and 0 relative (‖·‖ summed as Σ(x/s)², no overflow); bound ≈ 7×.
    expect(Math.abs(householderR([column(3e200, 4e200)], 2)[0]! / -5e200 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(householderR([column(3e-200, 4e-200)], 2)[0]! / -5e-200 - 1)).toBeLessThan(1e-15);
  });

  it('square input (rows = cols) is accepted: R of a 2 × 2 in closed form', () => {
    // A = [[3, 1], [4, 2]] (columns (3, 4) and (1, 2)): R₀₀ = −5, R₀₁ = −(3·1 + 4·2)/5 = −2.2, |R₁₁| = |det A|/5 = 0.4.
    // Measured 0 on R₀₀ and R₀₁, 1.1e-16 on |R₁₁|; bound ≈ 9×.
    const r = householderR([column(3, 4), column(1, 2)], 2);
    expect(r[2]).toBe(0);
    [-5, -2.2].forEach((want, k) => expect(Math.abs(r[k]! - want)).toBeLessThan(1e-15));
    expect(Math.abs(Math.abs(r[3]!) - 0.4)).toBeLessThan(1e-15);
  });

  it.each([
    [
      'one column too short',
      [column(1, 2, 3), column(1, 2)],
      'householderR: needs 2 columns of length rows = 3 >= 2',
    ],
    [
      'one column too long',
      [column(1, 2, 3, 4), column(1, 2, 3)],
      'householderR: needs 2 columns of length rows = 3 >= 2',
    ],
  ])('refuses a column of the wrong length (%s)', (_, cols, message) => {
    expect(() => householderR(cols, 3)).toThrow(new Error(message));
  });

  it('a zero column is skipped, and fewer rows than columns is refused', () => {
    const r = householderR([column(0, 0, 0), column(1, 2, 2)], 3);
    expect(Array.from(r)).toEqual([0, 1, 0, -Math.sqrt(8)]); // column 1 keeps its 1; its (2, 2) is reflected to −√8
    expect(() => householderR([column(1), column(2)], 1)).toThrow(
      new Error('householderR: needs 2 columns of length rows = 1 >= 2'),
    );
  });
});
