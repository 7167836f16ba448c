import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { cholesky, choleskyInverse, choleskySolve } from './cholesky.js';

describe('cholesky', () => {
  it('solves a badly scaled SPD system and inverts it (A·A⁻¹ = I)', () => {
    // A = Bᵀ B + I with columns on scales 1, 1e3, 1e-3.
    const s = [1, 1e3, 1e-3];
    const b = [2, -1, 0.5, 1, 3, -2, 0.3, 0.7, 1.1];
    const a = new Float64Array(9);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let v = i === j ? 1 : 0;
        for (let k = 0; k < 3; k++) v += b[k * 3 + i]! * b[k * 3 + j]!;
        a[i * 3 + j] = v * s[i]! * s[j]!;
      }
    const f = cholesky(a, 3)!;
    const want = [0.3, -7e-4, 1234];
    const rhs = [0, 1, 2].map((i) => [0, 1, 2].reduce((t, j) => t + a[i * 3 + j]! * want[j]!, 0));
    // Measured: x to 6.7e-16 relative, A·A⁻¹ − I to 3.6e-14 (A's entries span 1e-6 … 1e6); bounds ≈ 8×.
    const x = choleskySolve(f, rhs);
    expectArraysClose(
      Array.from(x, (v, i) => v / want[i]!),
      [1, 1, 1],
      5e-15,
      'x / x_true',
    );
    const inv = choleskyInverse(f);
    const product = Array.from({ length: 9 }, (_, k) => {
      const [i, j] = [Math.floor(k / 3), k % 3];
      let v = 0;
      for (let m = 0; m < 3; m++) v += a[i * 3 + m]! * inv[m * 3 + j]!;
      return v;
    });
    expectArraysClose(product, [1, 0, 0, 0, 1, 0, 0, 0, 1], 3e-13, 'A·A⁻¹');
  });

  it('returns null for a singular or indefinite matrix, or one with a zero or negative diagonal entry', () => {
    expect(cholesky(Float64Array.of(1, 1, 1, 1), 2)).toBeNull();
    expect(cholesky(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
    expect(cholesky(Float64Array.of(-1, 0, 0, 1), 2)).toBeNull();
    expect(cholesky(Float64Array.of(1, 0, 0, 0), 2)).toBeNull();
    expect(cholesky(Float64Array.of(1, 0, 0, -1), 2)).toBeNull();
  });

  it('the pivot tolerance is relative: a well-conditioned matrix of size 1e-8 factors', () => {
    // A = 1e-8·[[2, 1], [1, 2]], A⁻¹ = 1e8/3·[[2, −1], [−1, 2]]; measured 2.2e-16 relative; bound ≈ 9×.
    const f = cholesky(Float64Array.of(2e-8, 1e-8, 1e-8, 2e-8), 2);
    expect(f).not.toBeNull();
    const want = [2e8 / 3, -1e8 / 3, -1e8 / 3, 2e8 / 3];
    choleskyInverse(f!).forEach((v, k) => expect(Math.abs(v / want[k]! - 1)).toBeLessThan(2e-15));
  });

  it('diagonal entries 1e300 and 1e-300 (correlation ½): solve and inverse without overflow', () => {
    // A = [[1e300, ½], [½, 1e-300]], det = 1 − ¼ = ¾: A⁻¹ = (4/3)·[[1e-300, −½], [−½, 1e300]]. The Jacobi scaling
    // 1/√a_ii makes the factored matrix [[1, ½], [½, 1]]; scaling by √a_ii instead would square 1e300 to ∞.
    // Measured at most 2.2e-16 relative (1 ulp) on A⁻¹ and on x = A⁻¹(1, 1); bound ≈ 9×.
    const f = cholesky(Float64Array.of(1e300, 0.5, 0.5, 1e-300), 2)!;
    const want = [1e-300 / 0.75, -0.5 / 0.75, -0.5 / 0.75, 1e300 / 0.75];
    choleskyInverse(f).forEach((v, k) => expect(Math.abs(v / want[k]! - 1)).toBeLessThan(2e-15));
    const x = choleskySolve(f, [1, 1]);
    const wantX = [(1e-300 - 0.5) / 0.75, (1e300 - 0.5) / 0.75];
    x.forEach((v, k) => expect(Math.abs(v / wantX[k]! - 1)).toBeLessThan(2e-15));
  });

  it('the inverse is exactly symmetric: each pair is the mean of the two column solves, which differ in the last bits', () => {
    // A 4 × 4 SPD matrix Bᵀ B + I on scales 1, 1e3, 1e-3, 7.
    const n = 4;
    const s = [1, 1e3, 1e-3, 7];
    const b = [2, -1, 0.5, 1, 3, -2, 0.3, 0.7, 1.1, 0.4, -0.6, 1.3, 0.2, 0.9, -1.4, 0.8];
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let v = i === j ? 1 : 0;
        for (let k = 0; k < n; k++) v += b[k * n + i]! * b[k * n + j]!;
        a[i * n + j] = v * s[i]! * s[j]!;
      }
    const f = cholesky(a, n)!;
    // raw[j][i] = (A⁻¹)_ij from the solve of column j.
    const raw = Array.from({ length: n }, (_, j) =>
      choleskySolve(
        f,
        Array.from({ length: n }, (_, i) => +(i === j)),
      ),
    );
    const asymmetric: string[] = [];
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) if (raw[j]![i] !== raw[i]![j]) asymmetric.push(`${i}${j}`);
    expect(asymmetric).toEqual(['01', '02', '03', '12']); // the solves alone are not symmetric here
    const inverse = choleskyInverse(f);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(inverse[i * n + j]).toBe(0.5 * (raw[j]![i]! + raw[i]![j]!));
  });
});
