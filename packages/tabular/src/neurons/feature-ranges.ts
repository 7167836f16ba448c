/** The data's box: each feature's minimum and maximum over the rows (the bounds of {@link maximizeUnit}). */
import { toMatrix, type Matrix } from '../core/matrix.js';

/** Per-feature lower and upper bounds. */
export interface FeatureRanges {
  readonly low: Float64Array;
  readonly high: Float64Array;
}

/**
 * low_j = min_r x_rj, high_j = max_r x_rj. `x` is validated (≥ 1 row, finite values).
 * @example featureRanges(train) // { low: [min of feature 0, …], high: [max of feature 0, …] }
 */
export function featureRanges(x: Matrix): FeatureRanges {
  const m = toMatrix('featureRanges', 'x', x, x?.cols);
  const low = Float64Array.from(m.data.subarray(0, m.cols));
  const high = Float64Array.from(low);
  for (let r = 1; r < m.rows; r++)
    for (let c = 0; c < m.cols; c++) {
      const v = m.data[r * m.cols + c]!;
      if (v < low[c]!) low[c] = v;
      if (v > high[c]!) high[c] = v;
    }
  return { low, high };
}
