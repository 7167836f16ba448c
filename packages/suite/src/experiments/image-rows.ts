/** Converts flat image batches to the 2-D arrays the chart builders take, and takes a slice of a batch. */
import type { GalleryImage } from '@openbox/charts';

/**
 * Image `i` of a row-major `[n, h, w, c]` batch as `h` rows of `w` values: the pixel itself for one channel, the mean
 * over the `c` channels (a grey rendering: the gallery chart draws one value a cell) for RGB.
 */
export function imageRows(images: ArrayLike<number>, i: number, h: number, w: number, c = 1): number[][] {
  const rows: number[][] = [];
  for (let y = 0; y < h; y++) {
    const row: number[] = [];
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let ch = 0; ch < c; ch++) sum += Number(images[((i * h + y) * w + x) * c + ch] ?? 0);
      row.push(sum / c);
    }
    rows.push(row);
  }
  return rows;
}

/** Gallery images for the first `count` images of a `[n, h, w, c]` batch (`c` default 1), labelled by `label(i)`. */
export function galleryOf(
  images: ArrayLike<number>,
  count: number,
  h: number,
  w: number,
  label: (i: number) => string,
  c = 1,
): GalleryImage[] {
  return Array.from({ length: count }, (_, i) => ({
    label: label(i),
    values: imageRows(images, i, h, w, c),
  }));
}

/** Round to 4 significant digits, so result JSON is readable and stable. */
export function round4(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(4)) : value;
}
