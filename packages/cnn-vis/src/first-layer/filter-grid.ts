/** The first conv layer's filters as a grid of images (the seed's AlexNet picture), as plain arrays. */
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ImageModel } from '@openbox/runtime';
import { filterOf, firstConvKernels } from './first-conv.js';

/** How filter weights map to [0, 1]. */
export type FilterScaling = 'per-filter' | 'shared';

/** One filter as an image in [0, 1] (`[kh, kw, cin]`), plus its raw range. */
export interface FilterImage {
  readonly filter: number;
  readonly pixels: Float32Array;
  readonly min: number;
  readonly max: number;
}

/** The grid: every filter of the first conv layer, and Vega-Lite-ready rows. */
export interface FilterGrid {
  readonly layer: string;
  readonly kernelSize: readonly [number, number];
  readonly channels: number;
  readonly scaling: FilterScaling;
  readonly filters: readonly FilterImage[];
  /** One row per weight: `{ filter, y, x, channel, weight, value }` (value = scaled to [0, 1]) for a heatmap. */
  readonly rows: readonly {
    filter: number;
    y: number;
    x: number;
    channel: number;
    weight: number;
    value: number;
  }[];
}

/**
 * The first conv layer's kernels as images: each weight mapped to [0, 1] by `(w − lo) / (hi − lo)` with lo/hi taken
 * per filter or shared across all filters (shared keeps relative magnitudes comparable, as in cs231n's AlexNet figure).
 * Grayscale kernels give 1-channel images, RGB kernels 3-channel ones. Takes a LayersModel or any `ImageModel` (a graph
 * model's first Conv2D / _FusedConv2D node, see `firstConvKernels`). Draw with `filterGridPng`.
 * @example const grid = filterGrid(model, { scaling: 'shared' }); grid.filters.length // 16 for the MNIST CNN
 */
export function filterGrid(
  model: tfl.LayersModel | ImageModel,
  options: { scaling?: FilterScaling } = {},
): FilterGrid {
  const scaling = options.scaling ?? 'per-filter';
  const k = firstConvKernels(model, 'filterGrid');
  const [kh, kw, cin, cout] = k.shape;
  let sharedLo = Infinity;
  let sharedHi = -Infinity;
  for (const v of k.kernel) ((sharedLo = Math.min(sharedLo, v)), (sharedHi = Math.max(sharedHi, v)));
  const filters: FilterImage[] = [];
  const rows: FilterGrid['rows'][number][] = [];
  for (let f = 0; f < cout; f++) {
    const w = filterOf(k, f);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of w) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
    const [a, b] = scaling === 'shared' ? [sharedLo, sharedHi] : [lo, hi];
    const pixels = Float32Array.from(w, (v) => (b > a ? (v - a) / (b - a) : 0.5));
    filters.push({ filter: f, pixels, min: lo, max: hi });
    for (let i = 0; i < w.length; i++) {
      const channel = i % cin;
      const x = Math.floor(i / cin) % kw;
      const y = Math.floor(i / (cin * kw));
      rows.push({ filter: f, y, x, channel, weight: w[i]!, value: pixels[i]! });
    }
  }
  return { layer: k.layer, kernelSize: [kh, kw], channels: cin, scaling, filters, rows };
}
