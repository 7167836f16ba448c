/** Per-column mean and population standard deviation in float64, without overflow for any finite values. */
import type { Design } from './types.js';

/** Column means and population standard deviations (divide by n); `std` is exactly 0 for a constant column. */
export interface ColumnSpread {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/**
 * μ_j = Σᵢ x_ij / n and σ_j = √(Σᵢ (x_ij − μ_j)²/n), both computed on x_j / max|x_j| and scaled back, so columns near
 * ±1.8e308 or 1e-300 neither overflow nor underflow (the plain sums would). A constant column gives σ = 0 exactly
 * (x/max|x| = ±1 is exact, so the mean is too).
 * @example columnSpread({ n: 2, d: 1, x: Float64Array.of(1e308, -1e308), names: ['a'] }).std // [1e308]
 */
export function columnSpread({ n, d, x }: Design): ColumnSpread {
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let scale = 0;
    for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(x[i * d + j]!));
    if (scale === 0) continue;
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i * d + j]! / scale;
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[i * d + j]! / scale - m) ** 2;
    mean[j] = m * scale;
    std[j] = Math.sqrt(v / n) * scale;
  }
  return { mean, std };
}
