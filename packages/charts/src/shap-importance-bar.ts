/**
 * `shapImportanceBar`: a global importance per feature as sorted bars (`shap.plots.bar(shap_values)`: mean_r |φ_rj|),
 * optionally with ± error bars. The same chart draws permutation importance (Breiman 2001; sklearn's
 * `permutation_importance`: mean drop of the score, ± its standard deviation over repeats); `label` says which.
 * Bars are sorted by decreasing value (ties in input order) and start at 0; a negative value (a permutation that
 * helped) is a blue bar to the left. Difference from SHAP: every feature is drawn (no "Sum of N other features").
 */
import type { TopLevelSpec } from 'vega-lite';
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';
import {
  LAYOUT_DEFAULTS,
  SIGN_COLOR,
  assertFeatures,
  assertVector,
  formatValue,
  orderByDecreasing,
} from './shap-parts.js';
import type { ShapLayoutOptions } from './shap-parts.js';
import { VEGA_LITE_SCHEMA } from './spec-parts.js';
import { assertLabel } from './validate.js';

const FN = 'shapImportanceBar';

/** One importance per feature, with an optional non-negative error (drawn as value ± error). */
export interface ShapImportanceBarInput {
  readonly features: readonly string[];
  /** The importance per feature: mean |φ| (SHAP) or the mean score drop (permutation importance). */
  readonly meanAbs: readonly number[];
  /** The value axis title, e.g. `'mean |SHAP value| (P(Adelie))'` or `'accuracy drop when permuted'`. */
  readonly label: string;
  /** Half-width of each error bar (e.g. a standard error or deviation), ≥ 0. Default none. */
  readonly errors?: readonly number[];
}

/** One bar, as found in the spec's data (`lower`/`upper` with errors only). */
export interface ImportanceBar {
  readonly feature: string;
  readonly value: number;
  readonly sign: 'positive' | 'negative';
  readonly text: string;
  readonly lower?: number;
  readonly upper?: number;
}

/**
 * Horizontal bars, the largest importance on top, the value printed beside each, error bars where given.
 * @example shapImportanceBar({ features: ['bill_length_mm', 'island'], meanAbs: [0.31, 0.12], errors: [0.02, 0.01], label: 'mean |SHAP value|' })
 */
export function shapImportanceBar(
  input: ShapImportanceBarInput,
  options: ShapLayoutOptions = {},
): TopLevelSpec {
  // 1. Options and input.
  const opts = { ...LAYOUT_DEFAULTS, ...options };
  const { features, meanAbs, errors } = input;
  assertFeatures(FN, 'features', features);
  assertVector(FN, 'meanAbs', meanAbs, features.length);
  if (errors !== undefined) {
    assertVector(FN, 'errors', errors, features.length);
    errors.forEach((e, j) => {
      if (e < 0) throw new ChartInputError(MESSAGES.badOption(FN, `errors[${j}]`, '>= 0', e));
    });
  }
  assertLabel(FN, 'label', input.label);
  // 2. Bars by decreasing value.
  const bars: ImportanceBar[] = orderByDecreasing(meanAbs).map((j) => {
    const value = meanAbs[j]!;
    const interval = errors === undefined ? {} : { lower: value - errors[j]!, upper: value + errors[j]! };
    return {
      feature: features[j]!,
      value,
      sign: value >= 0 ? 'positive' : 'negative',
      text: formatValue(value),
      ...interval,
    };
  });
  const y = {
    field: 'feature',
    type: 'nominal',
    sort: bars.map((b) => b.feature),
    title: null,
    axis: { labelLimit: 320 },
  } as const;
  const x = { field: 'value', type: 'quantitative', title: input.label } as const;
  // 3. The spec: bars, their values, error bars.
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `${input.label} of ${bars.length} features, sorted`,
    width: opts.width,
    height: { step: 22 },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar' },
        encoding: {
          y,
          x,
          color: SIGN_COLOR,
          tooltip: [
            { field: 'feature', type: 'nominal' },
            { field: 'value', type: 'quantitative', format: '.4g' },
          ],
        },
      },
      {
        data: { values: bars },
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
        encoding: {
          y,
          x: { ...x, field: errors === undefined ? 'value' : 'upper' },
          text: { field: 'text' },
        },
      },
      ...(errors === undefined
        ? []
        : [
            {
              data: { values: bars },
              mark: { type: 'errorbar', ticks: true },
              encoding: { y, x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
            } as const,
          ]),
    ],
  };
}
