import { describe, expect, it } from 'vitest';
import { jacobiSvd } from './jacobi-svd.js';

const hilbert = (n: number) =>
  Float64Array.from({ length: n * n }, (_, k) => 1 / (Math.floor(k / n) + (k % n) + 1));
const relative = (got: number, want: number) => Math.abs(got / want - 1);

/**
 * max over entries of |A − V diag(σ) … | is not available without U; check ‖A v_k‖ = σ_k (to `tol.norm` · σ₁) and
 * VᵀV = I (to `tol.orthogonality`) instead.
 */
function checkFactors(
  a: Float64Array,
  rows: number,
  cols: number,
  tol: { norm: number; orthogonality: number },
): void {
  const { values, vectors } = jacobiSvd(a, rows, cols);
  expect(values).toHaveLength(cols);
  for (let k = 0; k < cols; k++) {
    let norm = 0;
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += a[i * cols + j]! * vectors[j * cols + k]!;
      norm += s * s;
    }
    expect(Math.abs(Math.sqrt(norm) - values[k]!)).toBeLessThan(tol.norm * values[0]!);
    for (let l = 0; l < cols; l++) {
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += vectors[j * cols + k]! * vectors[j * cols + l]!;
      expect(Math.abs(dot - (k === l ? 1 : 0))).toBeLessThan(tol.orthogonality);
    }
  }
}

describe('jacobiSvd', () => {
  it('diagonal: σ = |dᵢ| sorted descending, V = the matching signed unit vectors (exact, 0 sweeps of rotation)', () => {
    const a = Float64Array.of(3, 0, 0, 0, 0, -1, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0.5);
    const { values, vectors, sweeps } = jacobiSvd(a, 4, 4);
    expect(Array.from(values)).toEqual([7, 3, 1, 0.5]);
    const column = (k: number) => [0, 1, 2, 3].map((j) => Math.abs(vectors[j * 4 + k]!));
    expect(column(0)).toEqual([0, 0, 1, 0]);
    expect(column(1)).toEqual([1, 0, 0, 0]);
    expect(column(2)).toEqual([0, 1, 0, 0]);
    expect(sweeps).toBe(1); // one sweep that finds nothing to rotate
  });

  it.each([
    [0.3, 1.1, 5, 2],
    [-1.2, 0.4, 1, 1e-9],
    [2.5, -0.7, 1e6, 1],
  ])(
    '2×2 A = R(%f)·diag(%f… σ)·R(φ)ᵀ: σ to 2e-15 relative (graded ones too), V = ±R(φ) to 2e-15',
    (theta, phi, s1, s2) => {
      const [c, s] = [Math.cos(theta), Math.sin(theta)];
      const [cp, sp] = [Math.cos(phi), Math.sin(phi)];
      // A = [c −s; s c]·diag(s1, s2)·[cp sp; −sp cp]
      const a = Float64Array.of(
        c * s1 * cp + s * s2 * sp,
        c * s1 * sp - s * s2 * cp,
        s * s1 * cp - c * s2 * sp,
        s * s1 * sp + c * s2 * cp,
      );
      const { values, vectors, sweeps } = jacobiSvd(a, 2, 2);
      // One rotation orthogonalizes two columns up to rounding; a second sweep (at most a third, for the graded
      // cases, measured) finds nothing left to rotate.
      expect(sweeps).toBeLessThanOrEqual(3);
      const [big, small] = s1 >= s2 ? [s1, s2] : [s2, s1];
      // Measured: σ₁ 2.2e-16 relative, |v₁·R(φ)e₁| − 1 2.2e-16; the small σ is only as accurate as A's rounding
      // allows, ~ε·σ₁/σ₂: measured at most 0.14·ε·σ₁/σ₂ (2.2e-16 where σ₁/σ₂ = 2.5). Bounds ≈ 7–9×.
      expect(relative(values[0]!, big)).toBeLessThan(2e-15);
      expect(relative(values[1]!, small)).toBeLessThan(2e-15 + (Number.EPSILON * big) / small);
      const v1 = s1 >= s2 ? [cp, sp] : [-sp, cp];
      const dot = Math.abs(vectors[0]! * v1[0]! + vectors[2]! * v1[1]!);
      expect(Math.abs(dot - 1)).toBeLessThan(2e-15);
    },
  );

  // κ₂(Hₙ) = λmax/λmin of the exact Hilbert matrix (mpmath, 60 digits). Two errors of size ~n·ε·κ each: rounding
  // the entries 1/(i+j+1) to float64 moves λmin by ~n·ε·λmax (mpmath on the rounded H₁₀ gives κ 9e-5 lower), and
  // any backward-stable SVD has the same bound. Measured: at most 0.015·n·ε·κ (n = 3; 7e-4·n·ε·κ at n = 10), so
  // the tolerance is 0.1·n·ε·κ (≈ 6.5×): 1e-14 relative at n = 3, 0.36% at n = 10.
  it.each([
    [3, 524.05677758606082],
    [4, 15513.738738932588],
    [5, 476607.25024256081],
    [6, 14951058.640131217],
    [8, 15257575741.646943],
    [10, 16026286870216.883],
  ])('Hilbert H_%i: σmax/σmin = κ₂ = %f within the rounding bound, in at most 10 sweeps', (n, kappa) => {
    const { values, sweeps } = jacobiSvd(hilbert(n), n, n);
    expect(relative(values[0]! / values[n - 1]!, kappa)).toBeLessThan(0.1 * n * Number.EPSILON * kappa);
    // Cyclic Jacobi converges quadratically: measured 4, 4, 5, 5, 7, 8 sweeps for n = 3 … 10 (the cap is 60).
    expect(sweeps).toBeLessThanOrEqual(10);
  });

  it('tall 6 × 2 (through the QR) with σ = (1, 1e-10): σ₂ to 2e-6 relative, which AᵀA (κ² = 1e20) cannot give', () => {
    const u1 = [1, 1, 1, 1, 1, 1].map((v) => v / Math.sqrt(6));
    const u2 = [1, -1, 1, -1, 1, -1].map((v) => v / Math.sqrt(6));
    const [cp, sp] = [Math.cos(0.7), Math.sin(0.7)];
    const a = new Float64Array(12);
    for (let i = 0; i < 6; i++) {
      a[i * 2] = u1[i]! * cp + 1e-10 * u2[i]! * -sp;
      a[i * 2 + 1] = u1[i]! * sp + 1e-10 * u2[i]! * cp;
    }
    const { values } = jacobiSvd(a, 6, 2);
    // A's entries are rounded to ε·1, so σ₂ = 1e-10 is good to ~ε/1e-10 = 2.2e-6: measured 4.3e-7 (σ₁: 0).
    expect(relative(values[0]!, 1)).toBeLessThan(1e-15);
    expect(relative(values[1]!, 1e-10)).toBeLessThan(2e-6);
  });

  it.each([
    ['tall 7 × 3', 7, 3],
    ['wide 2 × 4 (σ₃ = σ₄ = 0)', 2, 4],
    ['square 5 × 5', 5, 5],
  ])('%s: ‖A·vₖ‖ = σₖ to 1.5e-15·σ₁ and VᵀV = I to 1e-14', (_, rows, cols) => {
    const a = Float64Array.from({ length: rows * cols }, (_, k) => Math.sin(1.3 * k + 0.2) * (1 + (k % 3)));
    // Measured over the three shapes: 1.6e-16·σ₁ and 1.1e-15; bounds ≈ 9×.
    checkFactors(a, rows, cols, { norm: 1.5e-15, orthogonality: 1e-14 });
    // Measured 4–6 sweeps; before negligible columns were skipped, the wide case ran all 60 (the cap).
    expect(jacobiSvd(a, rows, cols).sweeps).toBeLessThanOrEqual(10);
    if (rows < cols) {
      const { values } = jacobiSvd(a, rows, cols);
      expect(values[2]! / values[0]!).toBeLessThan(1e-15);
    }
  });

  it('rank-deficient 30 × 8 (columns 4–7 are multiples of 0–3): four σ at rounding level, in at most 10 sweeps', () => {
    const rows = 30;
    const cols = 8;
    const a = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++)
        a[i * cols + j] = j < 4 ? Math.sin(0.7 * i * (j + 1) + j) : (j + 1) * a[i * cols + j - 4]!;
    const { values, sweeps } = jacobiSvd(a, rows, cols);
    // Measured 5 sweeps (8 before negligible columns were skipped); σ₅…σ₈ / σ₁ measured at most 2.7e-16.
    expect(sweeps).toBeLessThanOrEqual(10);
    for (let k = 4; k < 8; k++) expect(values[k]! / values[0]!).toBeLessThan(1e-14);
    expect(values[3]! / values[0]!).toBeGreaterThan(1e-3);
  });
});
