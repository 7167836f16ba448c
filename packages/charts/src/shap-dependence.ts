/**
 * `shapDependence`: one feature's SHAP value φ_j(x_r) against its value x_rj, one point per row, colored by a second
 * feature (`shap.plots.scatter(shap_values[:, j], color=shap_values)`; Lundberg & Lee 2017). Vertical spread at a
 * fixed x_j is the interaction with other features; the caller passes the feature it interacts with most.
 * Color: the second feature's value, blue (low) → red (high) over its [5th, 95th] percentile, outliers clamped, as
 * SHAP's scatter. Difference from SHAP: the caller picks `colorFeature` (SHAP's `approximate_interactions` is not
 * run here: charts only draw).
 */
import type { TopLevelSpec } from 'vega-lite';
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';
import { LAYOUT_DEFAULTS, SHAP_BLUE, SHAP_RED, assertVector, colorRange } from './shap-parts.js';
import type { ShapLayoutOptions } from './shap-parts.js';
import { VEGA_LITE_SCHEMA } from './spec-parts.js';
import { assertLabel } from './validate.js';

const FN = 'shapDependence';

/** One feature's values and SHAP values over rows, and optionally a second feature's values for the color. */
export interface ShapDependenceInput {
  readonly feature: string;
  /** x_rj per row. */
  readonly featureValues: readonly number[];
  /** φ_j per row (same length). */
  readonly values: readonly number[];
  /** The coloring feature's name (given with `colorValues`). Default none (one color). */
  readonly colorFeature?: string;
  /** The coloring feature's value per row (same length). */
  readonly colorValues?: readonly number[];
  /** What was explained (in the value axis title), e.g. `'P(Adelie)'`. */
  readonly label: string;
}

/** One point, as found in the spec's data. */
export interface DependencePoint {
  readonly row: number;
  readonly featureValue: number;
  readonly value: number;
  readonly colorValue?: number;
}

/**
 * A scatter of φ_j (y) against x_j (x), colored by `colorFeature` when given, with a grey rule at φ = 0.
 * @example shapDependence({ feature: 'bill_length_mm', featureValues: [39.1, 46.5], values: [0.3, -0.2], colorFeature: 'flipper_length_mm', colorValues: [181, 210], label: 'P(Adelie)' })
 */
export function shapDependence(input: ShapDependenceInput, options: ShapLayoutOptions = {}): TopLevelSpec {
  // 1. Options and input.
  const opts = { ...LAYOUT_DEFAULTS, ...options };
  const { feature, featureValues, values, colorFeature, colorValues } = input;
  assertLabel(FN, 'feature', feature);
  assertVector(FN, 'featureValues', featureValues);
  assertVector(FN, 'values', values, featureValues.length);
  if ((colorFeature === undefined) !== (colorValues === undefined))
    throw new ChartInputError(
      MESSAGES.badOption(FN, 'colorValues', 'given with colorFeature (both or neither)', colorValues),
    );
  if (colorFeature !== undefined && colorValues !== undefined) {
    assertLabel(FN, 'colorFeature', colorFeature);
    assertVector(FN, 'colorValues', colorValues, featureValues.length);
  }
  assertLabel(FN, 'label', input.label);
  // 2. Data and the color encoding.
  const points: DependencePoint[] = featureValues.map((featureValue, row) => ({
    row,
    featureValue,
    value: values[row]!,
    ...(colorValues === undefined ? {} : { colorValue: colorValues[row]! }),
  }));
  const [lo, hi] = colorValues === undefined ? [0, 1] : colorRange(colorValues);
  const color =
    colorValues === undefined
      ? {}
      : {
          color: {
            field: 'colorValue',
            type: 'quantitative',
            title: colorFeature,
            scale: {
              domain: lo < hi ? [lo, hi] : [lo - 1, lo + 1],
              range: [SHAP_BLUE, SHAP_RED],
              interpolate: 'rgb',
              clamp: true,
            },
          } as const,
        };
  // 3. The spec.
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `SHAP dependence of ${feature} over ${points.length} rows${colorFeature === undefined ? '' : `, colored by ${colorFeature}`}`,
    width: opts.width,
    height: 300,
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#bbb' },
        encoding: { y: { field: 'zero', type: 'quantitative' } },
      },
      {
        data: { values: points },
        mark: { type: 'circle', size: 24, opacity: 0.8, color: SHAP_BLUE },
        encoding: {
          x: { field: 'featureValue', type: 'quantitative', title: feature, scale: { zero: false } },
          y: { field: 'value', type: 'quantitative', title: `SHAP value of ${feature} (${input.label})` },
          ...color,
          tooltip: [
            { field: 'row', type: 'quantitative' },
            { field: 'featureValue', type: 'quantitative', title: feature, format: '.4g' },
            { field: 'value', type: 'quantitative', title: 'SHAP value', format: '.4g' },
            ...(colorFeature === undefined
              ? []
              : [{ field: 'colorValue', type: 'quantitative', title: colorFeature, format: '.4g' } as const]),
          ],
        },
      },
    ],
  };
}
