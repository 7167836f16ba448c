/** Singular values and right singular vectors in float64 by one-sided (Hestenes) Jacobi, after a Householder QR. */
import { householderR } from './householder-r.js';

/** A = U·diag(σ)·Vᵀ without U: singular values descending, and V. */
export interface SingularValueDecomposition {
  /** σ₁ ≥ σ₂ ≥ … ≥ 0, `cols` of them (when rows < cols the last cols − rows are 0). */
  readonly values: Float64Array;
  /** V, row-major `cols × cols`: column k (entries `vectors[j * cols + k]`) is the unit right singular vector of σₖ. */
  readonly vectors: Float64Array;
  /** Jacobi sweeps until every pair of columns was orthogonal to the tolerance. */
  readonly sweeps: number;
}

const MAX_SWEEPS = 60;

const columnsOf = (a: Float64Array, rows: number, cols: number): Float64Array[] =>
  Array.from({ length: cols }, (_, j) => {
    const col = new Float64Array(rows);
    for (let i = 0; i < rows; i++) col[i] = a[i * cols + j]!;
    return col;
  });

/**
 * SVD of a row-major `rows × cols` matrix. When rows > cols it first reduces A to the triangular R of A = QR
 * ({@link householderR}, same σ and V), then runs cyclic one-sided Jacobi (Hestenes 1958; Demmel & Veselić 1992) on
 * the columns: each pair (p, q) is rotated until orthogonal, which is the cyclic Jacobi eigenvalue method applied
 * to AᵀA without ever forming it; when the columns are mutually orthogonal (|aₚᵀa_q| ≤ cols·ε·‖aₚ‖‖a_q‖) their
 * norms are the σ and the accumulated rotations are V. Not forming AᵀA matters: it squares the condition number, so
 * σ_min/σ_max below ~1e-8 would drown in rounding; here small σ keep high relative accuracy when A's columns are
 * scaled alike. Cost: 2·rows·cols² for the QR, then ~cols³ per sweep (5–10 sweeps typical). Entries up to ~1e150.
 * @example jacobiSvd(Float64Array.of(3, 0, 0, 4), 2, 2).values // [4, 3]
 */
export function jacobiSvd(a: Float64Array, rows: number, cols: number): SingularValueDecomposition {
  const reduced = rows > cols;
  const b = reduced ? householderR(columnsOf(a, rows, cols), rows) : a;
  const m = reduced ? cols : rows;
  const u = columnsOf(b, m, cols);
  const v = Array.from({ length: cols }, (_, j) => {
    const col = new Float64Array(cols);
    col[j] = 1;
    return col;
  });
  const tolerance = Number.EPSILON * Math.max(m, 1);
  // A column whose squared norm is at rounding level of ‖A‖²_F (rotations keep ‖A‖_F) carries no singular value above
  // that level; rotating it against another column may never meet the orthogonality test (its entries are
  // rounding noise, down to subnormals), so a pair with such a column is skipped — without this, wide and
  // rank-deficient inputs ran all MAX_SWEEPS.
  let frobenius2 = 0;
  for (const col of u) for (const e of col) frobenius2 += e * e;
  const negligible = tolerance * tolerance * frobenius2;
  let sweeps = 0;
  for (let rotated = true; rotated && sweeps < MAX_SWEEPS; sweeps++) {
    rotated = false;
    for (let p = 0; p < cols - 1; p++)
      for (let q = p + 1; q < cols; q++) {
        const up = u[p]!;
        const uq = u[q]!;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          alpha += up[i]! * up[i]!;
          beta += uq[i]! * uq[i]!;
          gamma += up[i]! * uq[i]!;
        }
        if (gamma === 0 || Math.abs(gamma) <= tolerance * Math.sqrt(alpha * beta)) continue;
        if (alpha <= negligible || beta <= negligible) continue;
        rotated = true;
        // The rotation [c s; −s c] that makes columns p and q orthogonal, with |t| = |tan θ| <= 1.
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (const [x, y, len] of [[up, uq, m] as const, [v[p]!, v[q]!, cols] as const])
          for (let i = 0; i < len; i++) {
            const xi = x[i]!;
            const yi = y[i]!;
            x[i] = c * xi - s * yi;
            y[i] = s * xi + c * yi;
          }
      }
  }
  const norms = u.map((col) => {
    let scale = 0;
    for (const e of col) scale = Math.max(scale, Math.abs(e));
    if (scale === 0) return 0;
    let s = 0;
    for (const e of col) s += (e / scale) ** 2;
    return scale * Math.sqrt(s);
  });
  const order = norms.map((_, j) => j).sort((x, y) => norms[y]! - norms[x]!);
  const values = Float64Array.from(order, (j) => norms[j]!);
  const vectors = new Float64Array(cols * cols);
  order.forEach((j, k) => {
    for (let i = 0; i < cols; i++) vectors[i * cols + k] = v[j]![i]!;
  });
  return { values, vectors, sweeps };
}
