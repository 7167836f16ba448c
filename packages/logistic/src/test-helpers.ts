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

/** max |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
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
