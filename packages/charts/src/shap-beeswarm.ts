/**
 * `shapBeeswarm`: every row's SHAP values, one band per feature, colored by the feature's value
 * (`shap.plots.beeswarm`; Lundberg et al. 2020, "From local explanations to global understanding with explainable AI
 * for trees").
 *
 * Bands are ordered by mean_r |φ_rj|; past `maxDisplay` the rest are folded into "Sum of N other features" (per row,
 * the sum of their φ). Within a band, points are stacked as SHAP does: φ quantized into 100 bins, the k-th point of a
 * bin offset by ceil(k/2)·(±1), scaled into the band. Color: the feature's value over its [5th, 95th] percentile
 * (SHAP's range, outliers clipped), low blue → high red.
 * Differences from SHAP: ties within a bin are broken by row index (SHAP shuffles with numpy's global random state),
 * so the chart is deterministic; the folded band is grey (SHAP colors it by one of the folded features).
 */
import type { TopLevelSpec } from 'vega-lite';
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';
import {
  LAYOUT_DEFAULTS,
  SHAP_BLUE,
  SHAP_RED,
  assertFeatures,
  colorRange,
  normalize,
  orderByDecreasing,
} from './shap-parts.js';
import type { ShapLayoutOptions } from './shap-parts.js';
import { extent, VEGA_LITE_SCHEMA } from './spec-parts.js';
import { assertLabel, assertMatrix, assertPositiveInteger } from './validate.js';

const FN = 'shapBeeswarm';
const BINS = 100;

/** Every row's explanation: `values[r][j]` = φ_j of row r, `featureValues[r][j]` = x_rj. */
export interface ShapBeeswarmInput {
  readonly features: readonly string[];
  readonly values: readonly (readonly number[])[];
  readonly featureValues: readonly (readonly number[])[];
  /** What was explained (in the value axis title), e.g. `'P(Adelie)'`. */
  readonly label: string;
  /** Most bands drawn, the folded remainder included. Default 10 (SHAP's). */
  readonly maxDisplay?: number;
}

/** One point of the swarm, as found in the spec's data; `color` is null in the folded band. */
export interface BeeswarmPoint {
  readonly band: string;
  readonly row: number;
  readonly value: number;
  readonly featureValue: number | null;
  readonly color: number | null;
  /** Vertical offset in (-1, 1) of the band's half-height. */
  readonly offset: number;
}

/** SHAP's swarm offsets of one band: bin φ, then alternate +1, -1, +2, -2, … within a bin, scaled into (-1, 1). */
export function swarmOffsets(values: readonly number[]): number[] {
  const [lo, hi] = extent(values);
  const bin = values.map((v) => Math.round((BINS * (v - lo)) / (hi - lo + 1e-8)));
  const order = values.map((_, r) => r).sort((a, b) => bin[a]! - bin[b]! || a - b);
  const layers = new Array<number>(values.length).fill(0);
  let layer = 0;
  order.forEach((r, k) => {
    layer = k > 0 && bin[order[k - 1]!] === bin[r] ? layer + 1 : 0;
    layers[r] = layer === 0 ? 0 : Math.ceil(layer / 2) * (layer % 2 === 1 ? 1 : -1);
  });
  const top = layers.reduce((m, l) => Math.max(m, Math.abs(l)), 0) + 1;
  return layers.map((l) => (0.9 * l) / top);
}

/** Validates and returns the points, band names top to bottom. */
function beeswarmPoints(input: ShapBeeswarmInput, maxDisplay: number): [BeeswarmPoint[], string[]] {
  // 1. Input.
  const { features, values, featureValues } = input;
  assertFeatures(FN, 'features', features);
  const [rows, cols] = assertMatrix(FN, 'values', values);
  if (cols !== features.length)
    throw new ChartInputError(MESSAGES.lengthMismatch(FN, 'values[0]', features.length, cols));
  const [xRows, xCols] = assertMatrix(FN, 'featureValues', featureValues);
  if (xRows !== rows) throw new ChartInputError(MESSAGES.lengthMismatch(FN, 'featureValues', rows, xRows));
  if (xCols !== cols) throw new ChartInputError(MESSAGES.lengthMismatch(FN, 'featureValues[0]', cols, xCols));
  assertLabel(FN, 'label', input.label);
  assertPositiveInteger(FN, 'maxDisplay', maxDisplay);
  // 2. Order by mean |φ| and fold the rest.
  const column = (m: readonly (readonly number[])[], j: number) => m.map((row) => row[j]!);
  const meanAbs = features.map((_, j) => column(values, j).reduce((s, v) => s + Math.abs(v), 0) / rows);
  const order = orderByDecreasing(meanAbs);
  const shown = order.length <= maxDisplay ? order : order.slice(0, maxDisplay - 1);
  const rest = order.slice(shown.length);
  const bands = shown.map((j) => ({
    name: features[j]!,
    phi: column(values, j),
    x: column(featureValues, j),
  }));
  if (rest.length > 0) {
    const phi = values.map((row) => rest.reduce((s, j) => s + row[j]!, 0));
    bands.push({ name: `Sum of ${rest.length} other features`, phi, x: [] });
  }
  // 3. Points: offsets per band, colors normalized per feature.
  const points = bands.flatMap(({ name, phi, x }) => {
    const offsets = swarmOffsets(phi);
    const range = x.length > 0 ? colorRange(x) : undefined;
    return phi.map((value, row) => ({
      band: name,
      row,
      value,
      featureValue: range === undefined ? null : x[row]!,
      color: range === undefined ? null : normalize(x[row]!, range),
      offset: offsets[row]!,
    }));
  });
  return [points, bands.map((b) => b.name)];
}

/**
 * One band per feature (largest mean |φ| on top), a point per row at its φ, a grey rule at 0.
 * @example shapBeeswarm({ features: ['a', 'b'], values: [[0.2, -0.1], [-0.3, 0]], featureValues: [[1, 5], [0, 7]], label: 'P(Adelie)' })
 */
export function shapBeeswarm(input: ShapBeeswarmInput, options: ShapLayoutOptions = {}): TopLevelSpec {
  // 1. Options, input and points.
  const opts = { ...LAYOUT_DEFAULTS, ...options };
  const [points, bands] = beeswarmPoints(input, input.maxDisplay ?? 10);
  const y = { field: 'band', type: 'nominal', sort: bands, title: null, axis: { labelLimit: 320 } } as const;
  const x = { field: 'value', type: 'quantitative', title: `SHAP value (impact on ${input.label})` } as const;
  const yOffset = { field: 'offset', type: 'quantitative', scale: { domain: [-1, 1] as number[] } } as const;
  const tooltip = [
    { field: 'band', type: 'nominal' },
    { field: 'row', type: 'quantitative' },
    { field: 'value', type: 'quantitative', format: '.4g' },
    { field: 'featureValue', type: 'quantitative', format: '.4g' },
  ] as const;
  const greyTooltip = tooltip.slice(0, 3);
  const colored = points.filter((p) => p.color !== null);
  const grey = points.filter((p) => p.color === null);
  // 2. The spec: the zero rule, colored points, the folded band in grey.
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `beeswarm of ${points.length / bands.length} rows' SHAP values over ${bands.length} bands`,
    width: opts.width,
    height: { step: 32 },
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#999' },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
      {
        data: { values: colored },
        mark: { type: 'circle', size: 16, opacity: 0.8 },
        encoding: {
          y,
          yOffset,
          x,
          color: {
            field: 'color',
            type: 'quantitative',
            scale: { domain: [0, 1], range: [SHAP_BLUE, SHAP_RED], interpolate: 'rgb' },
            legend: {
              title: 'feature value',
              values: [0, 1],
              labelExpr: "datum.value === 0 ? 'low' : 'high'",
            },
          },
          tooltip: [...tooltip],
        },
      },
      ...(grey.length === 0
        ? []
        : [
            {
              data: { values: grey },
              mark: { type: 'circle', size: 16, opacity: 0.8, color: '#999' },
              encoding: { y, yOffset, x, tooltip: greyTooltip },
            } as const,
          ]),
    ],
  };
}
