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
