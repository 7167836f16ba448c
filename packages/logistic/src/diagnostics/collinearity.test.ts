import { describe, expect, it } from 'vitest';
import { nearCollinearPair } from '../test-helpers.js';
import type { Design } from '../data/types.js';
import { collinearity, COLLINEARITY_THRESHOLD } from './collinearity.js';

const design = (x: Float64Array, d: number, names: string[]): Design => ({ n: x.length / d, d, x, names });

describe('collinearity', () => {
  // κ = (√(1+ε²) + 1)²/ε²; above 1e16 the correlation matrix ZᵀZ could not even represent its λmin (ε·κ_Z ≈ 1):
  // from Z by QR + Jacobi it still comes out to ~ε_mach/ε relative (x2 = u + ε·v is rounded to ε_mach·|u|).
  // Measured: 0.23, 0.52, 0.32, 0.37 × ε_mach/ε for the four ε; bound 4·ε_mach/ε (≈ 8× the worst).
  it.each([
    [1e-2, false],
    [1e-3, false],
    [1e-5, true],
    [1e-8, true],
  ])('x2 = x1 + %f·v: κ within 4·ε_mach/ε relative of the closed form; flagged: %s', (eps, flagged) => {
    const { features, kappa } = nearCollinearPair(400, eps);
    const c = collinearity(design(features, 2, ['x1', 'x2']));
    expect(Math.abs(c.conditionNumber / kappa - 1)).toBeLessThan((4 * Number.EPSILON) / eps);
    expect(c.collinearColumns).toEqual(flagged ? ['x1', 'x2'] : []);
    expect(kappa > COLLINEARITY_THRESHOLD).toBe(flagged);
  });

  it('invariant to shift and scale of the columns (it is the correlation matrix)', () => {
    const { features, kappa } = nearCollinearPair(400, 1e-5);
    const moved = features.map((v, k) => (k % 2 === 0 ? 1e6 + 3 * v : -2e-3 * v));
    const c = collinearity(design(moved, 2, ['x1', 'x2']));
    // 1e6 + 3u rounds u to ε_mach·1e6: measured 9.1e-10 relative; bound ≈ 11×.
    expect(Math.abs(c.conditionNumber / kappa - 1)).toBeLessThan(1e-8);
  });

  it('names the columns of the dependency (c ≈ a + 2b) and not the independent one', () => {
    const n = 64;
    const x = new Float64Array(n * 4);
    for (let i = 0; i < n; i++) {
      const a = Math.sin(i * 0.7);
      const b = Math.cos(i * 1.3);
      x[i * 4] = a;
      x[i * 4 + 1] = Math.sin(i * 2.9 + 1); // independent
      x[i * 4 + 2] = b;
      x[i * 4 + 3] = a + 2 * b + 1e-7 * Math.sin(i * 5.1 + 0.4);
    }
    const c = collinearity(design(x, 4, ['a', 'free', 'b', 'c']));
    expect(c.collinearColumns).toEqual(['a', 'b', 'c']);
    expect(c.conditionNumber).toBeGreaterThan(1e12);
  });

  it('orthogonal columns: κ = 1 to 1e-15; constant columns are left out; one column gives 1', () => {
    const x = Float64Array.from([1, 5, 1, -1, 5, 1, 1, 5, -1, -1, 5, -1]); // (u, const, v), u ⟂ v, ‖u‖ = ‖v‖
    // Measured: exactly 1 (±1 entries); bound ≈ 4.5 ulps.
    expect(Math.abs(collinearity(design(x, 3, ['u', 'k', 'v'])).conditionNumber - 1)).toBeLessThan(1e-15);
    expect(collinearity(design(Float64Array.of(1, 2, 3), 1, ['a']))).toEqual({
      conditionNumber: 1,
      collinearColumns: [],
    });
  });

  it('more columns than rows (allowed with l2 > 0): κ = Infinity and every column involved is named', () => {
    // 3 rows, so the centred columns have rank ≤ 2; r = p + q, so the null direction is (1, 1, −1)/√3.
    const x = Float64Array.from([1, 0, 1, 0, 3, 3, 2, 1, 3]);
    const c = collinearity(design(x, 3, ['p', 'q', 'r']));
    expect(c.conditionNumber).toBe(Infinity);
    expect(c.collinearColumns).toEqual(['p', 'q', 'r']);
  });
});
