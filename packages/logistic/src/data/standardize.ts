/** Column standardization in float64 with the population standard deviation, and its inverse for coefficients. */
import { MESSAGES } from '../messages.js';

/** Per-column mean and population standard deviation (divide by n). */
export interface Standardization {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/**
 * z_ij = (x_ij − μ_j)/σ_j with μ_j the column mean and σ_j = √(Σᵢ(x_ij − μ_j)²/n). A constant column (σ = 0) is
 * left centred (σ reported as 0) so that the fit can name it.
 * @example standardizeColumns([1, 10, 3, 30], [2, 2]).features // [-1, -1, 1, 1]
 */
export function standardizeColumns(
  features: ArrayLike<number>,
  shape: readonly number[],
): { features: Float64Array; standardization: Standardization } {
  const [n = 0, d = 0] = shape;
  if (shape.length !== 2 || n * d !== features.length)
    throw new Error(MESSAGES.badShape('standardizeColumns', shape, features.length));
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  const out = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += features[i * d + j]!;
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (features[i * d + j]! - m) ** 2;
    const s = Math.sqrt(v / n);
    mean[j] = m;
    std[j] = s;
    for (let i = 0; i < n; i++)
      out[i * d + j] = s > 0 ? (features[i * d + j]! - m) / s : features[i * d + j]! - m;
  }
  return { features: out, standardization: { mean, std } };
}

/**
 * Map parameters fitted on standardized features back to the original scale: β_j = β̃_j/σ_j and
 * b = b̃ − Σ_j β̃_j μ_j/σ_j, i.e. θ = A·θ̃; the covariance maps as A·Σ̃·Aᵀ (exact, since the map is linear).
 */
export function toOriginalScale(
  intercept: number,
  coefficients: ArrayLike<number>,
  covariance: Float64Array | null,
  { mean, std }: Standardization,
): { intercept: number; coefficients: Float64Array; covariance: Float64Array | null } {
  const d = coefficients.length;
  const p = d + 1;
  // A: row 0 = [1, −μ₁/σ₁, …], row j = e_j/σ_j.
  const a = new Float64Array(p * p);
  a[0] = 1;
  for (let j = 0; j < d; j++) {
    a[1 + j] = -mean[j]! / std[j]!;
    a[(1 + j) * p + 1 + j] = 1 / std[j]!;
  }
  const theta = [intercept, ...Array.from(coefficients)];
  const mapped = new Float64Array(p);
  for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) mapped[r] = mapped[r]! + a[r * p + c]! * theta[c]!;
  let cov: Float64Array | null = null;
  if (covariance) {
    const ac = new Float64Array(p * p);
    for (let r = 0; r < p; r++)
      for (let c = 0; c < p; c++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += a[r * p + k]! * covariance[k * p + c]!;
        ac[r * p + c] = s;
      }
    cov = new Float64Array(p * p);
    for (let r = 0; r < p; r++)
      for (let c = 0; c < p; c++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += ac[r * p + k]! * a[c * p + k]!;
        cov[r * p + c] = s;
      }
  }
  return { intercept: mapped[0]!, coefficients: mapped.slice(1), covariance: cov };
}
