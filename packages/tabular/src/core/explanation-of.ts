/** The one place an {@link Explanation} is assembled: every explainer's values, with the completeness gap per row. */
import type { ExplainedFunction } from './explained-output.js';
import type { Explanation } from './explanation.js';
import type { Matrix } from './matrix.js';

/** What an explainer computed; {@link explanationOf} adds the rest. */
export interface ExplainerValues {
  /** rows × features. */
  readonly values: Float64Array;
  readonly baseValue: number;
  /** f(x) per row. */
  readonly predictions: Float64Array;
  readonly standardErrors?: Float64Array;
}

/**
 * The explanation of `x` by `method`, with `delta[r] = Σ_j values[r, j] − (predictions[r] − baseValue)` (0 up to
 * rounding for the efficient methods; the completeness gap of the gradient methods).
 * @example return explanationOf('linear', f, x, { values, baseValue, predictions });
 */
export function explanationOf(
  method: string,
  f: ExplainedFunction,
  x: Matrix,
  computed: ExplainerValues,
): Explanation {
  const d = f.features;
  const { values, baseValue, predictions } = computed;
  const delta = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let sum = 0;
    for (let j = 0; j < d; j++) sum += values[r * d + j]!;
    delta[r] = sum - (predictions[r]! - baseValue);
  }
  return {
    method,
    label: f.label,
    rows: x.rows,
    features: d,
    values,
    baseValue,
    predictions,
    ...(computed.standardErrors === undefined ? {} : { standardErrors: computed.standardErrors }),
    delta,
  };
}
