/** Converts flat image batches to the 2-D arrays the chart builders take, and takes a slice of a batch. */
import type { GalleryImage } from '@openbox/charts';

/** Image `i` (channel 0) of a row-major `[n, h, w, c]` batch as `h` rows of `w` values. */
export function imageRows(images: ArrayLike<number>, i: number, h: number, w: number, c = 1): number[][] {
  const rows: number[][] = [];
  for (let y = 0; y < h; y++) {
    const row: number[] = [];
    for (let x = 0; x < w; x++) row.push(Number(images[((i * h + y) * w + x) * c] ?? 0));
    rows.push(row);
  }
  return rows;
}

/** Gallery images for the first `count` images of a batch, labelled by `label(i)`. */
export function galleryOf(
  images: ArrayLike<number>,
  count: number,
  h: number,
  w: number,
  label: (i: number) => string,
): GalleryImage[] {
  return Array.from({ length: count }, (_, i) => ({ label: label(i), values: imageRows(images, i, h, w) }));
}

/** Round to 4 significant digits, so result JSON is readable and stable. */
export function round4(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(4)) : value;
}
