/**
 * KernelSHAP's weighted least squares with the efficiency constraint imposed exactly (Covert & Lee 2021,
 * "Improving KernelSHAP"): minimize φᵀAφ − 2bᵀφ subject to 1ᵀφ = Δ, through the KKT system
 * [A 1; 1ᵀ 0] [φ; μ] = [b; Δ]. For invertible A its solution is φ = A⁻¹(b − 1 (1ᵀA⁻¹b − Δ) / (1ᵀA⁻¹1)), and
 * φ = C b + c Δ with C = A⁻¹ − A⁻¹11ᵀA⁻¹ / (1ᵀA⁻¹1) (C 1 = 0), the linear map the standard errors go through.
 */

/** The solution and the map `C` (d × d, row-major) from b to φ. */
export interface ConstrainedSolution {
  readonly phi: Float64Array;
  readonly map: Float64Array;
}

/**
 * Solves the KKT system by Gauss–Jordan elimination with partial pivoting; `undefined` when it is singular (the
 * sampled coalitions do not separate some features).
 * @example solveConstrained(Float64Array.of(0.5, 0, 0, 0.5), Float64Array.of(1, 2), 3, 2)?.phi // [1, 2]
 */
export function solveConstrained(
  a: Float64Array,
  b: Float64Array,
  delta: number,
  d: number,
): ConstrainedSolution | undefined {
  const m = d + 1;
  // [K | I], K = [A 1; 1ᵀ 0].
  const w = 2 * m;
  const t = new Float64Array(m * w);
  let scale = 1;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) scale = Math.max(scale, Math.abs((t[i * w + j] = a[i * d + j]!)));
    t[i * w + d] = 1;
    t[d * w + i] = 1;
  }
  for (let i = 0; i < m; i++) t[i * w + m + i] = 1;
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++)
      if (Math.abs(t[r * w + col]!) > Math.abs(t[pivot * w + col]!)) pivot = r;
    const p = t[pivot * w + col]!;
    if (!(Math.abs(p) > 1e-12 * scale)) return undefined;
    if (pivot !== col)
      for (let j = 0; j < w; j++) {
        const tmp = t[col * w + j]!;
        t[col * w + j] = t[pivot * w + j]!;
        t[pivot * w + j] = tmp;
      }
    for (let j = 0; j < w; j++) t[col * w + j]! /= p;
    for (let r = 0; r < m; r++) {
      const factor = t[r * w + col]!;
      if (r === col || factor === 0) continue;
      for (let j = 0; j < w; j++) t[r * w + j]! -= factor * t[col * w + j]!;
    }
  }
  // K⁻¹ sits in the right half: C is its top-left block, c its last column.
  const map = new Float64Array(d * d);
  const phi = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = t[i * w + m + d]! * delta;
    for (let j = 0; j < d; j++) sum += (map[i * d + j] = t[i * w + m + j]!) * b[j]!;
    phi[i] = sum;
  }
  return { phi, map };
}
