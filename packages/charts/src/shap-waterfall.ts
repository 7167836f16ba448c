/**
 * `shapWaterfall`: one row's SHAP values as a waterfall from E[f(X)] to f(x) (`shap.plots.waterfall`).
 *
 * Efficiency (Lundberg & Lee 2017, "A Unified Approach to Interpreting Model Predictions"): f(x) = E[f(X)] + Σ_j φ_j,
 * so the bars, stacked from the base value, end at the prediction. Features are sorted by |φ_j|; past `maxDisplay`
 * the smallest are folded into one "N other features" bar holding their sum, as SHAP does.
 * Differences from SHAP: the axis label reads "name = value" (SHAP: "value = name"), and the input's `prediction`
 * is checked against E[f(X)] + Σ φ instead of being recomputed from it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';
import {
  LAYOUT_DEFAULTS,
  SIGN_COLOR,
  assertFeatures,
  assertVector,
  formatSigned,
  formatValue,
  orderByDecreasing,
} from './shap-parts.js';
import type { ShapLayoutOptions } from './shap-parts.js';
import { VEGA_LITE_SCHEMA } from './spec-parts.js';
import { assertFinite, assertLabel, assertPositiveInteger } from './validate.js';

const FN = 'shapWaterfall';

/** One row's explanation, e.g. from `@openbox/tabular`'s `Explanation` (row r of `values`, `predictions[r]`). */
export interface ShapWaterfallInput {
  readonly features: readonly string[];
  /** φ_j per feature. */
  readonly values: readonly number[];
  /** x_j per feature, printed in the axis label ("bill_length_mm = 39.1"). Default none (names only). */
  readonly featureValues?: readonly number[];
  /** E[f(X)] over the background. */
  readonly baseValue: number;
  /** f(x): must equal `baseValue + Σ values` within 1e-6·max(1, |prediction|). */
  readonly prediction: number;
  /** What was explained (the value axis title), e.g. `'P(Adelie)'`. */
  readonly label: string;
  /** Most bars drawn, the folded remainder included. Default 10 (SHAP's). */
  readonly maxDisplay?: number;
}

/** One bar of the waterfall, as found in the spec's data. */
export interface WaterfallBar {
  readonly label: string;
  readonly value: number;
  readonly start: number;
  readonly end: number;
  readonly sign: 'positive' | 'negative';
  readonly text: string;
  readonly textX: number;
}

/** Validates the input and returns the bars top to bottom (largest |φ| first, the folded remainder last). */
function waterfallBars(input: ShapWaterfallInput, maxDisplay: number): WaterfallBar[] {
  // 1. Input.
  const { features, values, featureValues, baseValue, prediction } = input;
  assertFeatures(FN, 'features', features);
  assertVector(FN, 'values', values, features.length);
  if (featureValues !== undefined) assertVector(FN, 'featureValues', featureValues, features.length);
  assertFinite(FN, 'baseValue', baseValue);
  assertFinite(FN, 'prediction', prediction);
  assertLabel(FN, 'label', input.label);
  assertPositiveInteger(FN, 'maxDisplay', maxDisplay);
  const sum = values.reduce((s, v) => s + v, baseValue);
  const tolerance = 1e-6 * Math.max(1, Math.abs(prediction));
  if (!(Math.abs(sum - prediction) <= tolerance))
    throw new ChartInputError(MESSAGES.notAdditive(FN, sum, prediction, tolerance));
  // 2. Sort by |φ| and fold the rest (SHAP: all shown when they fit, else maxDisplay - 1 and one fold).
  const order = orderByDecreasing(values.map(Math.abs));
  const shown = order.length <= maxDisplay ? order : order.slice(0, maxDisplay - 1);
  const named = shown.map((j) => ({
    label: featureValues === undefined ? features[j]! : `${features[j]!} = ${formatValue(featureValues[j]!)}`,
    value: values[j]!,
  }));
  const rest = order.slice(shown.length);
  const folded =
    rest.length === 0
      ? []
      : [{ label: `${rest.length} other features`, value: rest.reduce((s, j) => s + values[j]!, 0) }];
  // 3. Stack from the base value, bottom (last) to top (first).
  const rows = [...named, ...folded];
  let at = baseValue;
  const bars: WaterfallBar[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const { label, value } = rows[i]!;
    const start = at;
    at += value;
    const sign = value >= 0 ? 'positive' : 'negative';
    bars.unshift({
      label,
      value,
      start,
      end: at,
      sign,
      text: formatSigned(value),
      textX: Math.max(start, at),
    });
  }
  return bars;
}

/**
 * Horizontal bars, largest |φ| on top, each from the running total to the running total + φ (red positive, blue
 * negative) with its signed value beside it, and dashed rules at E[f(X)] and f(x), labelled above the plot.
 * @example shapWaterfall({ features: ['bill_length_mm', 'flipper_length_mm'], values: [0.3, -0.1], featureValues: [39.1, 181], baseValue: 0.4, prediction: 0.6, label: 'P(Adelie)' })
 */
export function shapWaterfall(input: ShapWaterfallInput, options: ShapLayoutOptions = {}): TopLevelSpec {
  // 1. Options, input and bars.
  const opts = { ...LAYOUT_DEFAULTS, ...options };
  const bars = waterfallBars(input, input.maxDisplay ?? 10);
  const y = {
    field: 'label',
    type: 'nominal',
    sort: bars.map((b) => b.label),
    title: null,
    axis: { labelLimit: 320 },
  } as const;
  const x = { type: 'quantitative', title: input.label, scale: { zero: false } } as const;
  const rules = [
    { name: 'base', at: input.baseValue, text: `E[f(X)] = ${formatValue(input.baseValue)}` },
    { name: 'prediction', at: input.prediction, text: `f(x) = ${formatValue(input.prediction)}` },
  ];
  // Both rule labels sit above the plot, f(x) on the lower line, so they never collide with the axis.
  const ruleText = (name: string, dy: number) =>
    ({
      data: { values: rules.filter((r) => r.name === name) },
      mark: { type: 'text', y: 0, baseline: 'bottom', dy, fontSize: 10, color: '#555' },
      encoding: { x: { ...x, field: 'at' }, text: { field: 'text' } },
    }) as const;
  // 2. The spec: bars, their values, the two rules and their labels.
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `waterfall of ${bars.length} SHAP bars from E[f(X)] = ${input.baseValue} to f(x) = ${input.prediction}`,
    width: opts.width,
    height: { step: 24 },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar' },
        encoding: {
          y,
          x: { ...x, field: 'start' },
          x2: { field: 'end' },
          color: SIGN_COLOR,
          tooltip: [
            { field: 'label', type: 'nominal' },
            { field: 'value', type: 'quantitative', format: '.4g' },
          ],
        },
      },
      {
        data: { values: bars },
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
        encoding: { y, x: { ...x, field: 'textX' }, text: { field: 'text' } },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#888' },
        encoding: { x: { ...x, field: 'at' } },
      },
      ruleText('base', -16),
      ruleText('prediction', -4),
    ],
  };
}
