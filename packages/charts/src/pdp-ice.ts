/**
 * `pdpIce`: partial dependence and individual conditional expectation curves of one feature
 * (Friedman 2001, "Greedy function approximation"; Goldstein et al. 2015, "Peeking inside the black box";
 * sklearn's `PartialDependenceDisplay`, `kind='both'`).
 *
 * ICE_r(g) = f(x_r with x_j := g); PD(g) = mean_r ICE_r(g). Centered (c-ICE, sklearn `centered=True`): every curve
 * minus its value at the first grid point, so they all start at 0 and differ only in shape.
 * Difference from sklearn: at most `maxCurves` ICE curves, rows chosen evenly (r_i = floor(i·n/m)), not at random,
 * so the chart is deterministic.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';
import { LAYOUT_DEFAULTS, assertVector, formatValue } from './shap-parts.js';
import type { ShapLayoutOptions } from './shap-parts.js';
import { VEGA_LITE_SCHEMA } from './spec-parts.js';
import { assertLabel, assertMatrix, assertPositiveInteger } from './validate.js';

const FN = 'pdpIce';

/** The PD curve of one feature over a grid, and optionally its ICE curves (`ice[r][k]` = ICE_r(grid[k])). */
export interface PdpIceInput {
  readonly feature: string;
  /** The feature's grid, strictly increasing. */
  readonly grid: readonly number[];
  /** PD(g) per grid point. */
  readonly average: readonly number[];
  /** One curve per row, each of the grid's length. Default none (the PD line only). */
  readonly ice?: readonly (readonly number[])[];
  /** Subtract each curve's (and the PD's) value at grid[0]. Default false. */
  readonly centered?: boolean;
  /** What was explained (the y axis title), e.g. `'P(Adelie)'`. */
  readonly label: string;
  /** Most ICE curves drawn. Default 50. */
  readonly maxCurves?: number;
}

/** The rows drawn out of `n`: all when `n ≤ max`, else `floor(i·n/max)` for i < max (evenly spread, row 0 first). */
export function evenRows(n: number, max: number): number[] {
  const m = Math.min(n, max);
  return Array.from({ length: m }, (_, i) => Math.floor((i * n) / m));
}

/**
 * Thin grey ICE lines (one per chosen row) under the thick PD line, x = the feature's grid, y = the output.
 * @example pdpIce({ feature: 'bill_length_mm', grid: [35, 45, 55], average: [0.9, 0.5, 0.1], ice: [[1, 0.6, 0.1], [0.8, 0.4, 0.1]], label: 'P(Adelie)' })
 */
export function pdpIce(input: PdpIceInput, options: ShapLayoutOptions = {}): TopLevelSpec {
  // 1. Options and input.
  const opts = { ...LAYOUT_DEFAULTS, ...options };
  const { feature, grid, average, ice } = input;
  const centered = input.centered ?? false;
  const maxCurves = input.maxCurves ?? 50;
  assertLabel(FN, 'feature', feature);
  assertVector(FN, 'grid', grid);
  grid.forEach((g, k) => {
    if (k > 0 && !(g > grid[k - 1]!)) throw new ChartInputError(MESSAGES.notIncreasing(FN, 'grid', k));
  });
  assertVector(FN, 'average', average, grid.length);
  if (ice !== undefined) {
    const [, cols] = assertMatrix(FN, 'ice', ice);
    if (cols !== grid.length)
      throw new ChartInputError(MESSAGES.lengthMismatch(FN, 'ice[0]', grid.length, cols));
  }
  if (typeof centered !== 'boolean')
    throw new ChartInputError(MESSAGES.badOption(FN, 'centered', 'a boolean', centered));
  assertLabel(FN, 'label', input.label);
  assertPositiveInteger(FN, 'maxCurves', maxCurves);
  // 2. Data: the chosen ICE rows and the PD line, centered when asked.
  const shift = (curve: readonly number[]) => (centered ? curve[0]! : 0);
  const rows = ice === undefined ? [] : evenRows(ice.length, maxCurves);
  const curves = rows.flatMap((row) => {
    const curve = ice![row]!;
    return grid.map((x, k) => ({ row, x, y: curve[k]! - shift(curve) }));
  });
  const pd = grid.map((x, k) => ({ x, y: average[k]! - shift(average) }));
  const x = { field: 'x', type: 'quantitative', title: feature, scale: { zero: false } } as const;
  const yTitle = centered
    ? `${input.label} - its value at ${feature} = ${formatValue(grid[0]!)}`
    : input.label;
  const y = { field: 'y', type: 'quantitative', title: yTitle, scale: { zero: false } } as const;
  // 3. The spec: ICE lines under the PD line.
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `${centered ? 'centered ' : ''}partial dependence on ${feature}${rows.length > 0 ? ` with ${rows.length} ICE curves` : ''}`,
    width: opts.width,
    height: 300,
    layer: [
      ...(curves.length === 0
        ? []
        : [
            {
              data: { values: curves },
              mark: { type: 'line', color: '#999', strokeWidth: 0.7, opacity: 0.4 },
              encoding: { x, y, detail: { field: 'row', type: 'nominal' } },
            } as const,
          ]),
      {
        data: { values: pd },
        mark: { type: 'line', color: '#d62728', strokeWidth: 3 },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'x', type: 'quantitative', title: feature, format: '.4g' },
            { field: 'y', type: 'quantitative', title: 'partial dependence', format: '.4g' },
          ],
        },
      },
    ],
  };
}
