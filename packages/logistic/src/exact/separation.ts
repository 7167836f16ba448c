/** Detects (quasi-)complete separation: a direction along which the log-likelihood rises forever. */
import type { Design } from '../data/types.js';

/** A verified separating direction (intercept first, then one entry per feature). */
export interface Separation {
  readonly kind: 'complete' | 'quasi-complete';
  /** Features whose scaled weight in the direction is >= 5% of the largest. */
  readonly features: readonly string[];
  readonly direction: Float64Array;
}

/**
 * Whether `direction` = (b, w) separates the classes: with s_i = ±1 for the class of row i and m_i = s_i (b + x_iᵀw),
 * every m_i >= −tol and at least one m_i > tol, tol = 1e-7·max|m_i|. Along such a direction the binary
 * log-likelihood rises towards 0 without a maximum, so the MLE does not exist (Albert & Anderson, 1984).
 * `complete` when every m_i > tol. Multiclass: row i's margin is min over k ≠ y_i of η_{i,y_i} − η_{i,k}, with
 * `direction` holding K rows of (b_k, w_k).
 */
export function separatingDirection(
  design: Design,
  classOf: (i: number) => number,
  numClasses: number,
  direction: Float64Array,
): Separation | null {
  const { n, d, x, names } = design;
  const p = d + 1;
  let norm = 0;
  for (const v of direction) norm += v * v;
  if (!(norm > 0) || !Number.isFinite(norm)) return null;
  const margins = new Float64Array(n);
  const eta = new Float64Array(numClasses);
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < numClasses; k++) {
      let s = direction[k * p]!;
      for (let j = 0; j < d; j++) s += direction[k * p + 1 + j]! * x[i * d + j]!;
      eta[k] = s;
    }
    const c = classOf(i);
    let m: number;
    if (numClasses === 1) m = c === 1 ? eta[0]! : -eta[0]!;
    else {
      m = Infinity;
      for (let k = 0; k < numClasses; k++) if (k !== c) m = Math.min(m, eta[c]! - eta[k]!);
    }
    margins[i] = m;
    maxAbs = Math.max(maxAbs, Math.abs(m));
  }
  if (!(maxAbs > 0)) return null;
  const tol = 1e-7 * maxAbs;
  let ties = 0;
  for (let i = 0; i < n; i++) {
    if (margins[i]! < -tol) return null;
    if (margins[i]! <= tol) ties++;
  }
  if (ties === n) return null;
  // Name features by their weight in the direction, scaled by the column's spread (unit-free).
  const weight = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * d + j]!;
    mean /= n;
    let sd = 0;
    for (let i = 0; i < n; i++) sd += (x[i * d + j]! - mean) ** 2;
    sd = Math.sqrt(sd / n);
    let w = 0;
    for (let k = 0; k < numClasses; k++) w = Math.max(w, Math.abs(direction[k * p + 1 + j]!));
    weight[j] = w * sd;
  }
  const top = Math.max(0, ...weight);
  const features = names.filter((_, j) => top > 0 && weight[j]! >= 0.05 * top);
  return { kind: ties === 0 ? 'complete' : 'quasi-complete', features, direction };
}
