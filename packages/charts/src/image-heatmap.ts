/** `imageHeatmap`: a 2-D array drawn as a grid of colored cells (a filter, a template, an image). */
import type { TopLevelSpec } from 'vega-lite';
import { colorScale, VEGA_LITE_SCHEMA } from './spec-parts.js';
import type { ColorScaleKind } from './spec-parts.js';
import { assertMatrix, assertPositiveInteger } from './validate.js';

const FN = 'imageHeatmap';

/** Options of `imageHeatmap`. */
export interface ImageHeatmapOptions {
  /** Chart title. Default none. */
  readonly title?: string;
  /** `'diverging'` (weights: blue < 0 < red) or `'sequential'` (pixels: light → dark). Default `'diverging'`. */
  readonly scale?: ColorScaleKind;
  /** Fixed color domain `[lo, hi]`; default: the data's (symmetric around 0 when diverging). */
  readonly domain?: readonly [number, number];
  /** Side of one cell in pixels. Default 10. */
  readonly cellSize?: number;
}

const DEFAULTS = { scale: 'diverging', cellSize: 10 } satisfies Pick<
  Required<ImageHeatmapOptions>,
  'scale' | 'cellSize'
>;

/** Flattens a matrix into `{ row, col, value }` records, row-major. */
export function matrixRecords(
  matrix: readonly (readonly number[])[],
): { row: number; col: number; value: number }[] {
  return matrix.flatMap((row, r) => row.map((value, c) => ({ row: r, col: c, value })));
}

/**
 * One `rect` per entry of `values[row][col]`, row 0 at the top, columns left to right, no axes (an image), a
 * color legend and a tooltip with row, col and value.
 * @example imageHeatmap(filter5x5, { title: 'conv1 filter 3' }); imageHeatmap(digit, { scale: 'sequential' })
 */
export function imageHeatmap(
  values: readonly (readonly number[])[],
  options: ImageHeatmapOptions = {},
): TopLevelSpec {
  // 1. Options and input.
  const opts = { ...DEFAULTS, ...options };
  const [rows, cols] = assertMatrix(FN, 'values', values);
  assertPositiveInteger(FN, 'options.cellSize', opts.cellSize);
  const records = matrixRecords(values);
  const color = colorScale(
    FN,
    opts.scale,
    records.map((r) => r.value),
    opts.domain,
  );
  // 2. The spec.
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `heatmap of a ${rows}×${cols} array`,
    data: { values: records },
    width: { step: opts.cellSize },
    height: { step: opts.cellSize },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'col', type: 'ordinal', axis: null },
      y: { field: 'row', type: 'ordinal', axis: null },
      color: { field: 'value', type: 'quantitative', scale: color, title: null },
      tooltip: [
        { field: 'row', type: 'ordinal' },
        { field: 'col', type: 'ordinal' },
        { field: 'value', type: 'quantitative', format: '.4g' },
      ],
    },
    config: { view: { stroke: null } },
  };
}
