/** `similarityMatrix`: a labeled square matrix (cosine similarities, correlations, confusion) as a heatmap. */
import type { TopLevelSpec } from 'vega-lite';
import { ChartInputError } from './chart-input-error.js';
import { MESSAGES } from './messages.js';
import { colorScale, VEGA_LITE_SCHEMA } from './spec-parts.js';
import type { ColorScaleKind } from './spec-parts.js';
import { assertLabel, assertMatrix, assertPositiveInteger, assertUnique } from './validate.js';

const FN = 'similarityMatrix';

/** A square matrix with one label per row (the same labels name the columns). */
export interface SimilarityData {
  readonly labels: readonly string[];
  readonly matrix: readonly (readonly number[])[];
}

/** Options of `similarityMatrix`. */
export interface SimilarityMatrixOptions {
  /** Chart title. Default none. */
  readonly title?: string;
  /** Color scale, as in `imageHeatmap`. Default `'diverging'` (similarities in [-1, 1]). */
  readonly scale?: ColorScaleKind;
  /** Fixed color domain. Default `[-1, 1]` when diverging, the data's extent when sequential. */
  readonly domain?: readonly [number, number];
  /** Print each value in its cell: `'auto'` when n <= 12. Default `'auto'`. */
  readonly showValues?: boolean | 'auto';
  /** Side of one cell in pixels. Default 28. */
  readonly cellSize?: number;
}

const DEFAULTS = { scale: 'diverging', showValues: 'auto', cellSize: 28 } satisfies Required<
  Pick<SimilarityMatrixOptions, 'scale' | 'showValues' | 'cellSize'>
>;

/**
 * An n×n grid of `rect`s, rows and columns in label order, colored by value, with the values printed in the
 * cells for small matrices.
 * @example similarityMatrix({ labels: ['f0', 'f1'], matrix: [[1, 0.2], [0.2, 1]] })
 */
export function similarityMatrix(data: SimilarityData, options: SimilarityMatrixOptions = {}): TopLevelSpec {
  // 1. Options and input: square, one unique label per row.
  const opts = { ...DEFAULTS, ...options };
  const [rows, cols] = assertMatrix(FN, 'data.matrix', data.matrix);
  if (rows !== cols)
    throw new ChartInputError(MESSAGES.badOption(FN, 'data.matrix', 'square', `${rows}×${cols}`));
  if (data.labels.length !== rows)
    throw new ChartInputError(MESSAGES.lengthMismatch(FN, 'data.labels', rows, data.labels.length));
  data.labels.forEach((l, i) => assertLabel(FN, `data.labels[${i}]`, l));
  assertUnique(FN, 'data.labels', data.labels);
  assertPositiveInteger(FN, 'options.cellSize', opts.cellSize);
  // 2. Data and scale.
  const labels = [...data.labels];
  const values = data.matrix.flatMap((row, r) =>
    row.map((value, c) => ({ a: labels[r], b: labels[c], value })),
  );
  const domain = opts.domain ?? (opts.scale === 'diverging' ? ([-1, 1] as const) : undefined);
  const color = colorScale(
    FN,
    opts.scale,
    values.map((v) => v.value),
    domain,
  );
  const showValues = opts.showValues === 'auto' ? rows <= 12 : opts.showValues;
  const x = { field: 'b', type: 'ordinal', sort: labels, title: null } as const;
  const y = { field: 'a', type: 'ordinal', sort: labels, title: null } as const;
  // 3. The spec: cells, then values.
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `${rows}×${rows} similarity matrix`,
    data: { values },
    width: { step: opts.cellSize },
    height: { step: opts.cellSize },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          x,
          y,
          color: { field: 'value', type: 'quantitative', scale: color, title: null },
          tooltip: [
            { field: 'a', type: 'ordinal', title: 'row' },
            { field: 'b', type: 'ordinal', title: 'column' },
            { field: 'value', type: 'quantitative', format: '.3f' },
          ],
        },
      },
      ...(showValues
        ? [
            {
              mark: { type: 'text', fontSize: 9 },
              encoding: { x, y, text: { field: 'value', type: 'quantitative', format: '.2f' } },
            } as const,
          ]
        : []),
    ],
  };
}
