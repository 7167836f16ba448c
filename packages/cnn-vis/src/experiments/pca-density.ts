/** A PCA-Gaussian (probabilistic PCA) density of images, fitted and evaluated in float64: how typical an image is. */
import { createRng } from '@openbox/runtime';
import { tridiagonalEigen } from './tridiagonal-eigen.js';

/** Options of {@link fitPcaDensity}. */
export interface PcaDensityOptions {
  /** Principal components k kept as the Gaussian's own axes. Default 32. */
  readonly components?: number;
  /** Lanczos steps (at most rows − 1 and the pixels). Default 4k: the k kept pairs then converge to ~1e-10. */
  readonly steps?: number;
  /** Seed of the random start vector. Default 0. */
  readonly seed?: number;
}

/** The fitted density; every array is float64. */
export interface PcaDensity {
  /** Pixels per image D. */
  readonly dimension: number;
  readonly components: number;
  /** Training rows it was fitted on. */
  readonly rows: number;
  /** The mean image μ. */
  readonly mean: Float64Array;
  /** `[k, D]` row-major: the unit principal directions v_1 … v_k, by decreasing variance. */
  readonly directions: Float64Array;
  /** λ_1 ≥ … ≥ λ_k: the covariance's top eigenvalues (divisor n). */
  readonly variances: Float64Array;
  /** σ² = (tr C − Σ λ_i) / (D − k): the mean of the discarded eigenvalues. */
  readonly residualVariance: number;
  /** tr C = Σ_pixels variance. */
  readonly totalVariance: number;
  /** Lanczos steps taken. */
  readonly steps: number;
  /** max_i ‖C v_i − λ_i v_i‖ / λ_1 over the k kept pairs (Lanczos' own estimate): how converged they are. */
  readonly relativeResidual: number;
}

const M = {
  components: (k: unknown, d: number) =>
    `fitPcaDensity: components must be an integer in [1, ${d - 1}] (below the ${d} pixels), got ${String(k)}.`,
  rows: (n: number, k: number) =>
    `fitPcaDensity: needs more rows than components + 1, got ${n} rows for ${k} components.`,
  flat: (k: number) =>
    `fitPcaDensity: the images vary in at most ${k} directions (no residual variance left); use fewer components.`,
};

/** Scales `v` to unit length in place; returns its former norm. */
function scaleToUnit(v: Float64Array): number {
  let norm = 0;
  for (const value of v) norm += value * value;
  norm = Math.sqrt(norm);
  for (let p = 0; p < v.length; p++) v[p] = v[p]! / norm;
  return norm;
}

/**
 * Fits Tipping & Bishop's probabilistic PCA (1999) by maximum likelihood to `n` images of `dimension` pixels: mean
 * μ, the covariance C = (1/n) Σ (x − μ)(x − μ)ᵀ, its top-k eigenpairs (λ_i, v_i), and σ² = the mean of the other
 * D − k eigenvalues. The top k are Ritz pairs of Lanczos with full re-orthogonalization (Cv applied as Xᵀ(Xv)/n from a
 * seeded Gaussian start; the tridiagonal solved by implicit QL), converged to `relativeResidual`. Float64.
 * @example const density = fitPcaDensity(train.features, 2000, 784, { components: 32 }); pcaLogDensity(density, image, 1)
 */
export function fitPcaDensity(
  images: ArrayLike<number>,
  n: number,
  dimension: number,
  options: PcaDensityOptions = {},
): PcaDensity {
  // 1. Options and the centred data.
  const d = dimension;
  const k = options.components ?? 32;
  if (!Number.isInteger(k) || k < 1 || k >= d) throw new Error(M.components(k, d));
  if (n <= k + 1) throw new Error(M.rows(n, k));
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let p = 0; p < d; p++) mean[p] = mean[p]! + images[i * d + p]! / n;
  const x = new Float64Array(n * d);
  let totalVariance = 0;
  for (let i = 0; i < n; i++)
    for (let p = 0; p < d; p++) {
      const c = images[i * d + p]! - mean[p]!;
      x[i * d + p] = c;
      totalVariance += (c * c) / n;
    }
  // 2. Lanczos on C = XᵀX/n (applied as Xᵀ(Xv)/n), every new vector re-orthogonalized twice against all before.
  const steps = Math.max(k, Math.min(options.steps ?? 4 * k, n - 1, d));
  const rng = createRng(options.seed ?? 0).fork('pca-start');
  const basis = new Float64Array(steps * d);
  const alpha = new Float64Array(steps);
  const beta = new Float64Array(steps);
  let v = Float64Array.from({ length: d }, () => rng.normal());
  scaleToUnit(v);
  const xv = new Float64Array(n);
  for (let j = 0; j < steps; j++) {
    basis.set(v, j * d);
    const w = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let p = 0; p < d; p++) s += x[i * d + p]! * v[p]!;
      xv[i] = s / n;
    }
    for (let i = 0; i < n; i++) {
      const c = xv[i]!;
      for (let p = 0; p < d; p++) w[p] = w[p]! + c * x[i * d + p]!;
    }
    let a = 0;
    for (let p = 0; p < d; p++) a += w[p]! * v[p]!;
    alpha[j] = a;
    for (let pass = 0; pass < 2; pass++)
      for (let b = 0; b <= j; b++) {
        let dot = 0;
        for (let p = 0; p < d; p++) dot += w[p]! * basis[b * d + p]!;
        for (let p = 0; p < d; p++) w[p] = w[p]! - dot * basis[b * d + p]!;
      }
    beta[j] = scaleToUnit(w);
    v = w;
  }
  // 3. Ritz pairs of the tridiagonal T (alpha, beta), rotated back; keep the top k.
  const { values, vectors } = tridiagonalEigen(alpha, beta);
  const order = Array.from({ length: steps }, (_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const directions = new Float64Array(k * d);
  const variances = new Float64Array(k);
  let residual = 0;
  order.slice(0, k).forEach((col, i) => {
    variances[i] = values[col]!;
    residual = Math.max(residual, Math.abs(beta[steps - 1]! * vectors[(steps - 1) * steps + col]!));
    for (let j = 0; j < steps; j++) {
      const s = vectors[j * steps + col]!;
      for (let p = 0; p < d; p++) directions[i * d + p] = directions[i * d + p]! + s * basis[j * d + p]!;
    }
  });
  // 4. The residual variance: the mean of the D − k eigenvalues left out.
  const residualVariance = (totalVariance - variances.reduce((a, b) => a + b, 0)) / (d - k);
  // Round-off leaves ~1e-16 · tr C where the data has no variance left: count that as none.
  const floor = 1e-12 * totalVariance;
  if (!(residualVariance > floor) || !(variances[k - 1]! > floor)) throw new Error(M.flat(k));
  return {
    dimension: d,
    components: k,
    rows: n,
    mean,
    directions,
    variances,
    residualVariance,
    totalVariance,
    steps,
    relativeResidual: residual / variances[0]!,
  };
}

/**
 * log p(x) under the fitted density, for `n` images `[n, D]`: with c_i = v_iᵀ(x − μ) and r² = ‖x − μ‖² − Σ c_i²,
 * log p = −½ [Σ c_i²/λ_i + r²/σ² + Σ log λ_i + (D − k) log σ² + D log 2π] (nats). Float64.
 */
export function pcaLogDensity(density: PcaDensity, images: ArrayLike<number>, n: number): Float64Array {
  const { dimension: d, components: k, mean, directions, variances, residualVariance } = density;
  let constant = (d - k) * Math.log(residualVariance) + d * Math.log(2 * Math.PI);
  for (const l of variances) constant += Math.log(l);
  const out = new Float64Array(n);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    let norm2 = 0;
    for (let p = 0; p < d; p++) {
      centred[p] = images[i * d + p]! - mean[p]!;
      norm2 += centred[p]! ** 2;
    }
    let mahalanobis = 0;
    let explained = 0;
    for (let j = 0; j < k; j++) {
      let c = 0;
      for (let p = 0; p < d; p++) c += directions[j * d + p]! * centred[p]!;
      mahalanobis += (c * c) / variances[j]!;
      explained += c * c;
    }
    out[i] = -0.5 * (mahalanobis + (norm2 - explained) / residualVariance + constant);
  }
  return out;
}
