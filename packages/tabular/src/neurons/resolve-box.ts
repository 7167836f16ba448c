/** The search box of {@link maximizeUnit}: given bounds, checked, or the {@link featureRanges} of given rows. */
import { MESSAGES } from '../messages.js';
import type { Matrix } from '../core/matrix.js';
import { toMatrix } from '../core/matrix.js';
import { featureRanges, type FeatureRanges } from './feature-ranges.js';

/** A box given by hand: `low[j] ≤ x_j ≤ high[j]`. */
export interface BoxBounds {
  readonly low: ArrayLike<number>;
  readonly high: ArrayLike<number>;
}

/**
 * `bounds` when given (each side `features` finite numbers, low_j ≤ high_j), else the ranges of `data`'s rows;
 * neither throws `MESSAGES.noSearchBox`.
 * @example resolveBox('maximizeUnit', 3, undefined, train) // featureRanges(train)
 */
export function resolveBox(
  fn: string,
  features: number,
  bounds: BoxBounds | undefined,
  data: Matrix | undefined,
): FeatureRanges {
  if (bounds === undefined) {
    if (data === undefined) throw new Error(MESSAGES.noSearchBox(fn));
    return featureRanges(toMatrix(fn, 'options.data', data, features));
  }
  for (const side of ['low', 'high'] as const) {
    const values = bounds[side] as ArrayLike<number> | undefined;
    const length = values?.length;
    if (length !== features) throw new Error(MESSAGES.boundsLength(fn, side, length, features));
    for (let j = 0; j < features; j++)
      if (!Number.isFinite(values![j])) throw new Error(MESSAGES.boundNotFinite(fn, side, j, values![j]));
  }
  for (let j = 0; j < features; j++)
    if (bounds.low[j]! > bounds.high[j]!)
      throw new Error(MESSAGES.boundsOrder(fn, j, bounds.low[j]!, bounds.high[j]!));
  return { low: Float64Array.from(bounds.low), high: Float64Array.from(bounds.high) };
}
