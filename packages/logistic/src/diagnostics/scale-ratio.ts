/** How far apart the feature columns' scales are: max std / min std, naming both columns. */
import { columnSpread } from '../data/column-spread.js';
import type { Design } from '../data/types.js';

/** Above this ratio of column standard deviations a warning suggests standardizing. */
export const SCALE_RATIO_THRESHOLD = 1e6;

/** What {@link scaleRatio} found: the ratio and the columns with the largest and smallest std. */
export interface ScaleRatio {
  /** max σ_j / min σ_j over non-constant columns (population std); 1 with fewer than two. */
  readonly ratio: number;
  readonly largest: { readonly name: string; readonly std: number } | null;
  readonly smallest: { readonly name: string; readonly std: number } | null;
}

/**
 * The ratio of the largest to the smallest column standard deviation (constant columns left out). Gradient methods
 * (the tfjs net, ml-logistic-regression) see a Hessian whose diagonal spans this ratio squared, so beyond ~1e6 they
 * stall where Newton's method (scale-invariant) does not; standardizing makes it 1.
 * @example scaleRatio(toDesign('f', { features: [1, 1e7, 2, 3e7], shape: [2, 2] }, false)).ratio // 2e7
 */
export function scaleRatio(design: Design): ScaleRatio {
  const { std } = columnSpread(design);
  let hi = -1;
  let lo = -1;
  for (let j = 0; j < design.d; j++) {
    if (!(std[j]! > 0)) continue;
    if (hi < 0 || std[j]! > std[hi]!) hi = j;
    if (lo < 0 || std[j]! < std[lo]!) lo = j;
  }
  if (hi < 0) return { ratio: 1, largest: null, smallest: null };
  const at = (j: number) => ({ name: design.names[j]!, std: std[j]! });
  return { ratio: std[hi]! / std[lo]!, largest: at(hi), smallest: at(lo) };
}
