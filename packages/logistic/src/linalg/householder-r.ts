/** The R factor of a Householder QR in float64: A (rows × cols, rows ≥ cols) = Q·R, R upper triangular. */

/**
 * R of A = Q·R by Householder reflections (Golub & Van Loan, Matrix Computations, alg. 5.2.1), returned row-major
 * `cols × cols`. Q is orthogonal, so R has A's singular values and right singular vectors; the reduction is
 * backward stable (R is exact for A + E with ‖E‖ ≈ ε‖A‖) and costs 2·rows·cols² flops. A is given as its columns
 * (each of length `rows`), which are **overwritten** (they serve as the workspace: pass copies to keep them).
 * @example householderR([Float64Array.of(3, 4)], 2) // [-5]: ‖(3, 4)‖ up to sign
 */
export function householderR(columns: readonly Float64Array[], rows: number): Float64Array {
  const cols = columns.length;
  if (rows < cols || columns.some((c) => c.length !== rows))
    throw new Error(`householderR: needs ${cols} columns of length rows = ${rows} >= ${cols}`);
  const v = new Float64Array(rows);
  for (let k = 0; k < cols; k++) {
    const ck = columns[k]!;
    // ‖ck[k:]‖ scaled by its largest entry, so that huge or tiny columns neither overflow nor underflow.
    let scale = 0;
    for (let i = k; i < rows; i++) scale = Math.max(scale, Math.abs(ck[i]!));
    if (scale === 0) continue;
    let norm = 0;
    for (let i = k; i < rows; i++) norm += (ck[i]! / scale) ** 2;
    norm = scale * Math.sqrt(norm);
    const alpha = ck[k]! >= 0 ? -norm : norm; // the sign that avoids cancellation in v₀ = ck[k] − alpha
    // v in units of `scale` (H = I − 2vvᵀ/vᵀv does not depend on v's length), so vᵀv cannot overflow.
    for (let i = k; i < rows; i++) v[i] = ck[i]! / scale;
    v[k] = v[k]! - alpha / scale;
    let vv = 0;
    for (let i = k; i < rows; i++) vv += v[i]! * v[i]!;
    // H·ck = (…, alpha, 0, …); apply H to the remaining columns.
    ck[k] = alpha;
    for (let i = k + 1; i < rows; i++) ck[i] = 0;
    for (let j = k + 1; j < cols; j++) {
      const cj = columns[j]!;
      let dot = 0;
      for (let i = k; i < rows; i++) dot += v[i]! * cj[i]!;
      const f = (2 * dot) / vv;
      for (let i = k; i < rows; i++) cj[i] = cj[i]! - f * v[i]!;
    }
  }
  const r = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++) for (let j = i; j < cols; j++) r[i * cols + j] = columns[j]![i]!;
  return r;
}
