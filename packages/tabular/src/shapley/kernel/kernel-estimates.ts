/**
 * KernelSHAP's estimates from one row's coalition values: the moments A = E[z zᵀ], b = E[z (v(z) − v(∅))], and the
 * standard errors √diag(C S Cᵀ / n) of φ = C b + c Δ (Covert & Lee 2021), S the covariance of the n units'
 * contributions z (v(z) − v(∅) − zᵀφ) — the residual form is the delta-method error that also carries A's noise.
 */
import type { KernelCoalitions } from './kernel-coalitions.js';

/** A = weighted mean of z zᵀ and b = weighted mean of z (v(z) − v(∅)) over the masks of `c`. */
export function kernelMoments(
  c: KernelCoalitions,
  v: Float64Array,
  v0: number,
): { a: Float64Array; b: Float64Array } {
  const d = c.d;
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  let total = 0;
  for (let k = 0; k < c.count; k++) {
    const w = c.weights[k]!;
    total += w;
    const z = c.masks.subarray(k * d, (k + 1) * d);
    for (let i = 0; i < d; i++) {
      if (z[i] !== 1) continue;
      b[i]! += w * (v[k]! - v0);
      for (let j = 0; j < d; j++) if (z[j] === 1) a[i * d + j]! += w;
    }
  }
  for (let i = 0; i < d * d; i++) a[i]! /= total;
  for (let i = 0; i < d; i++) b[i]! /= total;
  return { a, b };
}

/** √diag(C S Cᵀ / n), S the covariance of the units' contributions z (v(z) − v∅ − zᵀφ), units averaged. */
export function kernelStandardErrors(
  c: KernelCoalitions,
  v: Float64Array,
  v0: number,
  phi: Float64Array,
  map: Float64Array,
): Float64Array {
  const d = c.d;
  const units = c.count / c.unit;
  // Project each unit's contribution through C at once: y_u = C g_u; then Var(φ_i) = var_u(y_ui) / n.
  const y = new Float64Array(units * d);
  const g = new Float64Array(d);
  for (let u = 0; u < units; u++) {
    g.fill(0);
    for (let k = u * c.unit; k < (u + 1) * c.unit; k++) {
      const z = c.masks.subarray(k * d, (k + 1) * d);
      let residual = v[k]! - v0;
      for (let j = 0; j < d; j++) if (z[j] === 1) residual -= phi[j]!;
      for (let j = 0; j < d; j++) if (z[j] === 1) g[j]! += residual / c.unit;
    }
    for (let i = 0; i < d; i++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += map[i * d + j]! * g[j]!;
      y[u * d + i] = sum;
    }
  }
  const se = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let mean = 0;
    for (let u = 0; u < units; u++) mean += y[u * d + i]!;
    mean /= units;
    let ss = 0;
    for (let u = 0; u < units; u++) ss += (y[u * d + i]! - mean) ** 2;
    se[i] = units > 1 ? Math.sqrt(ss / (units - 1) / units) : Infinity;
  }
  return se;
}
