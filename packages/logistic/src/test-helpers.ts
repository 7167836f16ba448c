/** Shared test fixtures: backend setup, standardized real datasets as binary problems, float64 reference helpers. */
import { loadCars, loadPenguins, type Dataset } from '@openbox/datasets';
import { initBackend } from '@openbox/runtime';
import { standardizeColumns } from './data/standardize.js';
import type { BinaryData, MulticlassData } from './data/types.js';

/** The runtime's backend (OPENBOX_BACKEND honoured; wasm with OpenBox kernels here). */
export async function setupBackend(): Promise<void> {
  await initBackend();
}

/** A dataset with standardized float64 features. */
export function standardized(ds: Dataset): MulticlassData {
  return { ...ds, features: standardizeColumns(ds.features, ds.shape).features };
}

/** Class `positive` vs the rest as a binary problem on standardized features. */
export function oneVsRest(ds: Dataset, positive: string): BinaryData {
  const c = ds.classNames.indexOf(positive);
  if (c < 0) throw new Error(`no class ${positive}`);
  return { ...standardized(ds), target: Array.from(ds.target, (v) => (v === c ? 1 : 0)) };
}

export const penguins = (): Dataset => loadPenguins();
export const cars = (): Dataset => loadCars();

/**
 * ∇ of Σᵢ [log(1 + e^ηᵢ) − yᵢηᵢ] + (l2/2)‖w‖² (η = b + xᵢᵀw, θ = (b, w), intercept not penalized), written out here
 * in float64 as a reference independent of the package's `binaryObjective`: Σᵢ (σ(ηᵢ) − yᵢ)·(1, xᵢ) + l2·(0, w).
 */
export function penalizedGradient(data: BinaryData, theta: ArrayLike<number>, l2: number): Float64Array {
  const [n = 0, d = 0] = data.shape;
  const g = new Float64Array(d + 1);
  for (let i = 0; i < n; i++) {
    let eta = theta[0]!;
    for (let j = 0; j < d; j++) eta += theta[1 + j]! * data.features[i * d + j]!;
    const r = 1 / (1 + Math.exp(-eta)) - data.target[i]!;
    g[0] = g[0]! + r;
    for (let j = 0; j < d; j++) g[1 + j] = g[1 + j]! + r * data.features[i * d + j]!;
  }
  for (let j = 0; j < d; j++) g[1 + j] = g[1 + j]! + l2 * theta[1 + j]!;
  return g;
}

/**
 * The Hessian of a function from its gradient by central differences, H[:, a] = (∇(θ + h·eₐ) − ∇(θ − h·eₐ))/(2h),
 * symmetrized; row-major p × p. Its error is O(h²) truncation plus O(ε·|∇|/h) roundoff.
 */
export function centralDifferenceHessian(
  gradient: (theta: Float64Array) => Float64Array,
  theta: ArrayLike<number>,
  h: number,
): Float64Array {
  const p = theta.length;
  const hessian = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    const plus = Float64Array.from(theta);
    const minus = Float64Array.from(theta);
    plus[a] = plus[a]! + h;
    minus[a] = minus[a]! - h;
    const gp = gradient(plus);
    const gm = gradient(minus);
    for (let b = 0; b < p; b++) hessian[b * p + a] = (gp[b]! - gm[b]!) / (2 * h);
  }
  for (let a = 0; a < p; a++)
    for (let b = 0; b < a; b++) {
      const mean = (hessian[a * p + b]! + hessian[b * p + a]!) / 2;
      hessian[a * p + b] = mean;
      hessian[b * p + a] = mean;
    }
  return hessian;
}

/** A⁻¹ by Gauss–Jordan elimination with partial pivoting (row-major p × p), independent of the package's Cholesky. */
export function gaussJordanInverse(a: ArrayLike<number>, p: number): Float64Array {
  const rows = Array.from({ length: p }, (_, i) => [
    ...Array.from({ length: p }, (_, j) => a[i * p + j]!),
    ...Array.from({ length: p }, (_, j) => (i === j ? 1 : 0)),
  ]);
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(rows[r]![c]!) > Math.abs(rows[pivot]![c]!)) pivot = r;
    [rows[c], rows[pivot]] = [rows[pivot]!, rows[c]!];
    const top = rows[c]!.map((v) => v / rows[c]![c]!);
    rows[c] = top;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = rows[r]![c]!;
      rows[r] = rows[r]!.map((v, k) => v - f * top[k]!);
    }
  }
  return Float64Array.from(rows.flatMap((row) => row.slice(p)));
}

/**
 * Two nearly collinear columns with a closed-form condition number: rows in groups of 4 with u = a·(1, −1, 1, −1),
 * v = a·(1, 1, −1, −1) (a = 1 … 5 cycling), so Σu = Σv = Σuv = 0 and Σu² = Σv² exactly; x1 = u, x2 = u + ε·v.
 * Their correlation is r = 1/√(1 + ε²), so the correlation matrix [[1, r], [r, 1]] has
 * κ = (1 + r)/(1 − r) = (√(1 + ε²) + 1)²/ε² (≈ 4/ε²). Returns row-major float64 features [x1, x2] and κ.
 */
export function nearCollinearPair(n: number, eps: number): { features: Float64Array; kappa: number } {
  const features = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const a = 1 + (Math.floor(i / 4) % 5);
    const u = a * [1, -1, 1, -1][i % 4]!;
    const v = a * [1, 1, -1, -1][i % 4]!;
    features[2 * i] = u;
    features[2 * i + 1] = u + eps * v;
  }
  const root = Math.sqrt(1 + eps * eps);
  return { features, kappa: (root + 1) ** 2 / (eps * eps) };
}
