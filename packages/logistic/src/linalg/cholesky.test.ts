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

  it('returns null for a singular or indefinite matrix', () => {
    expect(cholesky(Float64Array.of(1, 1, 1, 1), 2)).toBeNull();
    expect(cholesky(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
    expect(cholesky(Float64Array.of(-1, 0, 0, 1), 2)).toBeNull();
  });
});
