/** The rows that drive a unit (or any explained output) hardest: Olah et al. 2017's dataset examples, for tables. */
import type { ExplainedFunction } from '../core/explained-output.js';
import { toMatrix, type Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';

const FN = 'topActivatingRows';

/** Row indices into `x` and their values of f, highest first. */
export interface TopRows {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/**
 * The `k` rows of `x` with the highest f (one batched `evaluate`), highest first, ties by the lower row index;
 * `k` larger than `x.rows` returns every row. A NaN value ranks below every number.
 * @example topActivatingRows(unitOutput(clf, 'hidden1', 0), train, 10).indices
 */
export function topActivatingRows(f: ExplainedFunction, x: Matrix, k: number): TopRows {
  const m = toMatrix(FN, 'x', x, f.features);
  if (!Number.isInteger(k) || k < 1) throw new Error(MESSAGES.positiveInteger(FN, 'k', k));
  const values = f.evaluate(m);
  const key = (i: number): number => (Number.isNaN(values[i]!) ? -Infinity : values[i]!);
  const order = Array.from({ length: m.rows }, (_, i) => i).sort((a, b) => key(b) - key(a) || a - b);
  const top = Int32Array.from(order.slice(0, Math.min(k, m.rows)));
  return { indices: top, values: Float64Array.from(top, (i) => values[i]!) };
}
