/**
 * The two halves of KernelSHAP (Lundberg & Lee 2017) that are not model evaluations: drawing coalitions with their
 * Shapley-kernel weights, and the weighted least-squares fit with the efficiency constraint Σ φ = f(x) − f(baseline)
 * enforced exactly (the last feature's φ is eliminated, as in the `shap` library), solved in float64.
 */
import type { Rng } from '@openbox/runtime';

/** Coalitions `[count, d]` (1: the feature keeps the input) and each one's regression weight. */
export interface Coalitions {
  readonly z: Float32Array;
  readonly weights: Float64Array;
  readonly count: number;
}

const binomial = (d: number, k: number): number => {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (d - k + i)) / i;
  return c;
};

/** The Shapley kernel π(z) = (d − 1) / (C(d, |z|) · |z| · (d − |z|)) for 0 < |z| < d. */
export const shapleyKernel = (d: number, size: number): number =>
  (d - 1) / (binomial(d, size) * size * (d - size));

/**
 * All 2^d − 2 proper non-empty coalitions with kernel weights when `samples` ≥ 2^d − 2; else `samples` coalitions
 * drawn in complementary pairs (z, 1 − z), the size from p(k) ∝ (d − 1) / (k (d − k)) and the members uniform, each
 * of weight 1 (the kernel is in the sampling).
 * @example const { z, weights, count } = drawCoalitions(4, 25, createRng(0));
 */
export function drawCoalitions(d: number, samples: number, rng: Rng): Coalitions {
  if (d < 31 && samples >= 2 ** d - 2) {
    const count = 2 ** d - 2;
    const z = new Float32Array(count * d);
    const weights = new Float64Array(count);
    for (let s = 1; s <= count; s++) {
      let size = 0;
      for (let j = 0; j < d; j++) {
        const member = (s >> j) & 1;
        z[(s - 1) * d + j] = member;
        size += member;
      }
      weights[s - 1] = shapleyKernel(d, size);
    }
    return { z, weights, count };
  }
  const mass = Array.from({ length: d - 1 }, (_, k) => (d - 1) / ((k + 1) * (d - k - 1)));
  const total = mass.reduce((a, b) => a + b, 0);
  const z = new Float32Array(samples * d);
  for (let s = 0; s < samples; s += 2) {
    let u = rng.next() * total;
    let size = 1;
    while (size < d - 1 && (u -= mass[size - 1]!) >= 0) size++;
    const order = rng.shuffle(Array.from({ length: d }, (_, j) => j));
    for (let t = 0; t < d; t++) {
      z[s * d + order[t]!] = t < size ? 1 : 0;
      if (s + 1 < samples) z[(s + 1) * d + order[t]!] = t < size ? 0 : 1;
    }
  }
  return { z, weights: new Float64Array(samples).fill(1), count: samples };
}

/**
 * φ `[n·d]` minimizing Σ_z w_z (v(z) − v(∅) − z·φ)² subject to Σ φ = v(full) − v(∅), per input. `values` is
 * `[n, 2 + count]` row-major: v(∅), v(full), then each coalition's value. A ridge of 1e-8 · mean diagonal keeps an
 * under-determined system (fewer coalitions than features) solvable, near its least-norm solution.
 */
export function constrainedFit(
  values: Float32Array | Float64Array,
  n: number,
  d: number,
  c: Coalitions,
): Float64Array {
  const phi = new Float64Array(n * d);
  const m = d - 1;
  const a = new Float64Array(m * m);
  const x = (r: number, j: number) => c.z[r * d + j]! - c.z[r * d + m]!;
  for (let r = 0; r < c.count; r++)
    for (let j = 0; j < m; j++)
      for (let k = 0; k < m; k++) a[j * m + k]! += c.weights[r]! * x(r, j) * x(r, k);
  let trace = 0;
  for (let j = 0; j < m; j++) trace += a[j * m + j]!;
  for (let j = 0; j < m; j++) a[j * m + j]! += (1e-8 * trace) / Math.max(1, m);
  const l = cholesky(a, m);
  for (let i = 0; i < n; i++) {
    const row = (k: number) => values[i * (2 + c.count) + k]!;
    const delta = row(1) - row(0);
    const b = new Float64Array(m);
    for (let r = 0; r < c.count; r++) {
      const y = row(2 + r) - row(0) - c.z[r * d + m]! * delta;
      for (let j = 0; j < m; j++) b[j]! += c.weights[r]! * x(r, j) * y;
    }
    const beta = solveCholesky(l, m, b);
    beta.forEach((v, j) => (phi[i * d + j] = v));
    phi[i * d + m] = delta - beta.reduce((s, v) => s + v, 0);
  }
  return phi;
}

/** The lower factor L of a symmetric positive-definite `[m, m]` matrix, A = L Lᵀ. */
function cholesky(a: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m);
  for (let j = 0; j < m; j++)
    for (let i = j; i < m; i++) {
      let s = a[i * m + j]!;
      for (let k = 0; k < j; k++) s -= l[i * m + k]! * l[j * m + k]!;
      l[i * m + j] = i === j ? Math.sqrt(s) : s / l[j * m + j]!;
    }
  return l;
}

/** x with L Lᵀ x = b (forward then back substitution). */
function solveCholesky(l: Float64Array, m: number, b: Float64Array): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * m + k]! * y[k]!;
    y[i] = s / l[i * m + i]!;
  }
  const out = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < m; k++) s -= l[k * m + i]! * out[k]!;
    out[i] = s / l[i * m + i]!;
  }
  return out;
}
