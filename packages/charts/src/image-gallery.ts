/** `imageGallery`: several small heatmaps of the same shape faceted in a grid (filters, templates, optima). */
import type { TopLevelSpec } from 'vega-lite';
import type { Scale } from 'vega-lite/types_unstable/scale.js';
import { ChartInputError } from './chart-input-error.js';
import { matrixRecords } from './image-heatmap.js';
import { MESSAGES } from './messages.js';
import { colorScale, VEGA_LITE_SCHEMA } from './spec-parts.js';
import type { ColorScaleKind } from './spec-parts.js';
import {
  assertLabel,
  assertMatrix,
  assertNonEmpty,
  assertPositiveInteger,
  assertUnique,
} from './validate.js';

const FN = 'imageGallery';

/** One image of a gallery, shown under its label. */
export interface GalleryImage {
  readonly label: string;
  readonly values: readonly (readonly number[])[];
}

/** Options of `imageGallery`. */
export interface ImageGalleryOptions {
  /** Chart title. Default none. */
  readonly title?: string;
  /** Images per row. Default 8. */
  readonly columns?: number;
  /** Side of one cell in pixels. Default 4. */
  readonly cellSize?: number;
  /** `'diverging'` or `'sequential'`, as in `imageHeatmap`. Default `'diverging'`. */
  readonly scale?: ColorScaleKind;
  /** One color scale for all images (comparable colors) or one per image (each image's own contrast). Default true. */
  readonly sharedScale?: boolean;
}

const DEFAULTS = { columns: 8, cellSize: 4, scale: 'diverging', sharedScale: true } satisfies Required<
  Omit<ImageGalleryOptions, 'title'>
>;

/**
 * A facet of `rect` heatmaps, one per image in input order, `columns` per row, each titled by its label. All
 * images must have the same shape. With `sharedScale: false` every image gets its own color domain (diverging
 * scales stay centered on 0) and no legend.
 * @example imageGallery(filters.map((f, i) => ({ label: `filter ${i}`, values: f })), { columns: 8 })
 */
export function imageGallery(
  images: readonly GalleryImage[],
  options: ImageGalleryOptions = {},
): TopLevelSpec {
  // 1. Options and input: labels unique, every image the shape of the first.
  const opts = { ...DEFAULTS, ...options };
  assertNonEmpty(FN, 'images', images);
  assertPositiveInteger(FN, 'options.columns', opts.columns);
  assertPositiveInteger(FN, 'options.cellSize', opts.cellSize);
  const shapes = images.map((image, i) => {
    assertLabel(FN, `images[${i}].label`, image.label);
    return assertMatrix(FN, `images[${i}].values`, image.values);
  });
  const [rows, cols] = shapes[0] ?? [0, 0];
  shapes.forEach(([r, c], i) => {
    if (r !== rows || c !== cols) {
      throw new ChartInputError(
        MESSAGES.shapeMismatch(FN, `images[${i}].values`, `${rows}×${cols}`, `${r}×${c}`),
      );
    }
  });
  const labels = images.map((image) => image.label);
  assertUnique(FN, 'images[].label', labels);
  // 2. Data: one record per cell, tagged with its image.
  const records = images.flatMap((image) =>
    matrixRecords(image.values).map((r) => ({ image: image.label, ...r })),
  );
  const scale: Scale = opts.sharedScale
    ? colorScale(
        FN,
        opts.scale,
        records.map((r) => r.value),
      )
    : opts.scale === 'diverging'
      ? { scheme: 'redblue', reverse: true, domainMid: 0 }
      : { scheme: 'greys' };
  // 3. The spec.
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    description: `${images.length} images of ${rows}×${cols}`,
    data: { values: records },
    columns: opts.columns,
    facet: {
      field: 'image',
      type: 'nominal',
      sort: labels,
      header: { title: null, labelFontSize: 10, labelPadding: 2 },
    },
    spacing: 6,
    spec: {
      width: { step: opts.cellSize },
      height: { step: opts.cellSize },
      mark: { type: 'rect' },
      encoding: {
        x: { field: 'col', type: 'ordinal', axis: null },
        y: { field: 'row', type: 'ordinal', axis: null },
        color: {
          field: 'value',
          type: 'quantitative',
          scale,
          title: null,
          ...(opts.sharedScale ? {} : { legend: null }),
        },
        tooltip: [
          { field: 'image', type: 'nominal' },
          { field: 'row', type: 'ordinal' },
          { field: 'col', type: 'ordinal' },
          { field: 'value', type: 'quantitative', format: '.4g' },
        ],
      },
    },
    ...(opts.sharedScale ? {} : { resolve: { scale: { color: 'independent' } } }),
    config: { view: { stroke: null } },
  };
}
