/** The standard normal distribution to full double precision: erf, erfc, Φ, two-sided p-values. */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT_PI = 0.5641895835477563;

/** The 97.5% standard normal quantile, for 95% confidence intervals. */
export const Z_975 = 1.959963984540054;

/**
 * erf(x) = 2/√π ∫₀ˣ e^(−t²) dt. For |x| < 2 the positive-term series
 * erf(x) = 2/√π · e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (no cancellation); beyond, 1 − erfc(x).
 * Relative error about 1e-16. Example: `erf(0.5) ≈ 0.5204998778130465`.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax >= 2) return Math.sign(x) * (1 - erfc(ax));
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * erfc(x) = 1 − erf(x) without cancellation: for x >= 2 the continued fraction
 * erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) evaluated by modified Lentz; below, 1 − erf(x).
 * Relative error about 1e-15 (e.g. `erfc(5) ≈ 1.5374597944280349e-12`).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 2) return 1 - erf(x);
  if (x > 27) return 0;
  // f = x + a1/(x + a2/(x + …)), a_k = k/2.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (INV_SQRT_PI * Math.exp(-x * x)) / f;
}

/** Φ(z) = ½·erfc(−z/√2), the standard normal CDF. Example: `normalCdf(1.959963984540054) ≈ 0.975`. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Two-sided p-value of a Wald z statistic: P(|Z| >= |z|) = erfc(|z|/√2). Example: `twoSidedP(1.96) ≈ 0.04999579`. */
export function twoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}
