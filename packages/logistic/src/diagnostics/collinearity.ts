/** Near-collinearity of the feature columns: the condition number of their correlation matrix and the columns involved. */
import { columnSpread } from '../data/column-spread.js';
import type { Design } from '../data/types.js';
import { householderR } from '../linalg/householder-r.js';
import { jacobiSvd } from '../linalg/jacobi-svd.js';

/** Above this condition number of the correlation matrix the columns are reported as nearly collinear. */
export const COLLINEARITY_THRESHOLD = 1e8;
/** A column takes part in a near-dependency when its weight |v_j| in that right singular vector is at least this. */
export const COLLINEAR_WEIGHT = 0.1;

/** What {@link collinearity} found. */
export interface Collinearity {
  /**
   * κ₂ of the correlation matrix of the non-constant feature columns, = (σ_max/σ_min)² of the centred, unit-norm
   * design Z; 1 with fewer than two such columns, Infinity when Z is numerically rank deficient.
   */
  readonly conditionNumber: number;
  /** The columns with weight ≥ {@link COLLINEAR_WEIGHT} in a singular vector whose κ exceeds the threshold. */
  readonly collinearColumns: readonly string[];
}

/**
 * Why centred and column-scaled: the intercept makes κ of the raw [1, X] depend on the columns' means and units
 * (a column with mean 1e3 and std 1 gives κ ≈ 1e6 though the fit is well posed — Newton's step absorbs it), and
 * units are reported separately as the scale ratio; after centring and scaling to unit norm, ZᵀZ is the
 * correlation matrix, whose κ measures only near-linear dependence among the features (what inflates standard
 * errors: Var β̂_j grows with 1/(1 − R_j²)). κ is computed from Z itself, by a Householder QR and one-sided Jacobi
 * SVD ({@link jacobiSvd}), not from ZᵀZ, so κ up to ~1e30 (σ ratios to 1e-15) is resolved; σ_k ≤ ε·max(n, d)·σ₁
 * counts as 0. Constant columns are left out (with l2 = 0 the exact fit rejects them; with l2 > 0 they get β = 0).
 * Cost: 2·n·d² flops plus ~d³ per Jacobi sweep — about one Newton iteration of the exact fit.
 * @example collinearity(toDesign('f', { features, shape: [n, 2] }, false)).conditionNumber
 */
export function collinearity(design: Design, threshold = COLLINEARITY_THRESHOLD): Collinearity {
  const { n, d, x, names } = design;
  const { mean, std } = columnSpread(design);
  const kept = Array.from({ length: d }, (_, j) => j).filter((j) => std[j]! > 0);
  const m = kept.length;
  if (m < 2) return { conditionNumber: 1, collinearColumns: [] };
  // 1. Z: centred columns scaled to unit norm (‖x_j − μ_j‖ = √n·σ_j); divided first, so ±1e308 cannot overflow.
  const z = kept.map((j) => {
    const col = new Float64Array(n);
    const s = Math.sqrt(n) * std[j]!;
    const centre = mean[j]! / s;
    for (let i = 0; i < n; i++) col[i] = x[i * d + j]! / s - centre;
    return col;
  });
  // 2. Its singular values and right singular vectors (through R when n > m).
  let svd;
  if (n > m) svd = jacobiSvd(householderR(z, n), m, m);
  else {
    const rowMajor = new Float64Array(n * m);
    z.forEach((col, k) => col.forEach((v, i) => (rowMajor[i * m + k] = v)));
    svd = jacobiSvd(rowMajor, n, m);
  }
  const { values, vectors } = svd;
  const sigma1 = values[0]!;
  const zero = Number.EPSILON * Math.max(n, m) * sigma1;
  const kappa = (k: number) => (values[k]! <= zero ? Infinity : (sigma1 / values[k]!) ** 2);
  // 3. κ and the columns of every direction beyond the threshold.
  const involved = new Set<number>();
  for (let k = 1; k < m; k++)
    if (kappa(k) > threshold)
      for (let c = 0; c < m; c++) if (Math.abs(vectors[c * m + k]!) >= COLLINEAR_WEIGHT) involved.add(c);
  return {
    conditionNumber: kappa(m - 1),
    collinearColumns: [...involved].sort((a, b) => a - b).map((c) => names[kept[c]!]!),
  };
}
