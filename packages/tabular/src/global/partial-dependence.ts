/**
 * Partial dependence (Friedman 2001, "Greedy Function Approximation") and ICE curves (Goldstein et al. 2015,
 * "Peeking Inside the Black Box"): for grid values g of feature j, ICE_i(g) = f(x_i with x_ij := g) for every row i,
 * and the PDP is their mean, PD(g) = (1/n) Σ_i ICE_i(g). Centered ICE (c-ICE) subtracts each curve's first value.
 *
 * Grid (as sklearn's `partial_dependence`): when the feature has at most `grid` distinct values, those values;
 * otherwise `grid` points between its 5th and 95th percentiles (sklearn's default `percentiles=(0.05, 0.95)`):
 * at the quantiles of levels 0.05..0.95 evenly spaced (`'quantiles'`, the default here; sklearn has no such kind),
 * or evenly spaced in value (`'uniform'`, sklearn's method). Quantiles interpolate linearly between order statistics
 * (numpy's default, R's type 7); repeated grid points are merged.
 */
import type { ExplainedFunction } from '../core/explained-output.js';
import { toMatrix, type Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';

export const GRID_KINDS = ['quantiles', 'uniform'] as const;
export type GridKind = (typeof GRID_KINDS)[number];
export const isGridKind = (value: unknown): value is GridKind => GRID_KINDS.includes(value as GridKind);

export interface PartialDependenceOptions {
  /** Grid points, ≥ 2; default 20. */
  readonly grid?: number;
  /** Default `'quantiles'`. */
  readonly gridKind?: GridKind;
  /** An explicit grid, in the caller's order (then `grid` and `gridKind` are not used). */
  readonly values?: readonly number[];
  /** Subtract each ICE curve's first value (c-ICE), and so the PDP's; default false. */
  readonly centered?: boolean;
}

export interface PartialDependence {
  readonly feature: number;
  /** `f.label`. */
  readonly label: string;
  readonly grid: Float64Array;
  /** The PDP: the mean ICE curve, one value per grid point. */
  readonly average: Float64Array;
  /** ICE curves, `ice[i * grid.length + g]` for row i. */
  readonly ice: Float64Array;
  readonly rows: number;
  readonly centered: boolean;
}

/** The type-7 quantile of sorted values. */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function gridOf(x: Matrix, feature: number, size: number, kind: GridKind): Float64Array {
  const sorted = Float64Array.from({ length: x.rows }, (_, i) => x.data[i * x.cols + feature]!).sort();
  const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
  if (distinct.length <= size) return distinct;
  const low = quantile(sorted, 0.05);
  const high = quantile(sorted, 0.95);
  const points = Float64Array.from({ length: size }, (_, g) => {
    const t = g / (size - 1);
    return kind === 'uniform' ? low + t * (high - low) : quantile(sorted, 0.05 + 0.9 * t);
  });
  return points.filter((v, i) => i === 0 || v !== points[i - 1]);
}

/**
 * The PDP and ICE curves of `feature` for `f` over the rows of `x`, in one `f.evaluate` call of rows × grid rows.
 * @example const pd = partialDependence(f, x, 2, { grid: 10 }); pd.average // PD at pd.grid
 */
export function partialDependence(
  f: ExplainedFunction,
  xIn: Matrix,
  feature: number,
  options: PartialDependenceOptions = {},
): PartialDependence {
  const fn = 'partialDependence';
  // 1. Inputs and options, once.
  const d = f.features;
  const x = toMatrix(fn, 'x', xIn, d);
  if (!Number.isInteger(feature) || feature < 0 || feature >= d)
    throw new Error(MESSAGES.unknownFeature(fn, feature, d));
  const size = options.grid ?? 20;
  if (!Number.isSafeInteger(size) || size < 2) throw new Error(MESSAGES.gridSize(fn, size));
  const kind = options.gridKind ?? 'quantiles';
  if (!isGridKind(kind)) throw new Error(MESSAGES.unknownName(fn, 'options.gridKind', kind, GRID_KINDS));
  const centered = options.centered ?? false;
  if (typeof centered !== 'boolean') throw new Error(MESSAGES.notBoolean(fn, 'options.centered', centered));
  const values = options.values;
  if (
    values !== undefined &&
    (!Array.isArray(values) || values.length === 0 || !values.every((v) => Number.isFinite(v)))
  )
    throw new Error(MESSAGES.gridValues(fn));
  // 2. The grid.
  const grid = values === undefined ? gridOf(x, feature, size, kind) : Float64Array.from(values);
  const G = grid.length;
  // 3. Every row at every grid value, in one call: row i, grid point g at i * G + g.
  const data = new Float64Array(x.rows * G * d);
  for (let i = 0; i < x.rows; i++)
    for (let g = 0; g < G; g++) {
      const at = (i * G + g) * d;
      data.set(x.data.subarray(i * d, (i + 1) * d), at);
      data[at + feature] = grid[g]!;
    }
  const ice = Float64Array.from(f.evaluate({ data, rows: x.rows * G, cols: d }));
  // 4. Center, then average.
  if (centered)
    for (let i = 0; i < x.rows; i++) {
      const first = ice[i * G]!;
      for (let g = 0; g < G; g++) ice[i * G + g]! -= first;
    }
  const average = new Float64Array(G);
  for (let i = 0; i < x.rows; i++) for (let g = 0; g < G; g++) average[g]! += ice[i * G + g]!;
  for (let g = 0; g < G; g++) average[g]! /= x.rows;
  return { feature, label: f.label, grid, average, ice, rows: x.rows, centered };
}
