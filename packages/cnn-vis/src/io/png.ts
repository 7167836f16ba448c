/** Drawing only: image batches and filter grids as PNG bytes (fast-png). No tensors, no `node:` modules: browser-safe. */
import { encode } from 'fast-png';
import { MESSAGES } from '../messages.js';
import type { FilterGrid } from '../first-layer/filter-grid.js';

/** Options for {@link imagesToPng}. */
export interface TileOptions {
  /** Images per row. Default ceil(√n). */
  readonly columns?: number;
  /** Integer upsampling factor (nearest neighbour). Default 1. */
  readonly scale?: number;
  /** Gap between tiles, in output pixels. Default 1. */
  readonly gap?: number;
  /** `clip`: values clipped to [0, 1] (default); `per-image`: each image stretched to its own min..max. */
  readonly normalize?: 'clip' | 'per-image';
}

/**
 * Tiles `[n, h, w, c]` images (c = 1 grayscale or 3 RGB, values in [0, 1]) into one 8-bit RGBA PNG (encoded by
 * fast-png; opaque, white gaps between tiles). Returns the bytes as a `Uint8Array` that owns its whole buffer (so a
 * worker can transfer it); write it with `writeFileAtomic`.
 * @example await writeFileAtomic('units.png', imagesToPng(result.images, result.shape, { scale: 4 }));
 */
export function imagesToPng(
  images: Float32Array,
  shape: readonly number[],
  options: TileOptions = {},
): Uint8Array {
  const [n, h, w, c] = shape as [number, number, number, number];
  if (shape.length !== 4 || (c !== 1 && c !== 3) || images.length !== n * h * w * c)
    throw new Error(MESSAGES.badImageBatch('imagesToPng', shape));
  const columns = options.columns ?? Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / columns);
  const s = options.scale ?? 1;
  const gap = options.gap ?? 1;
  const width = columns * (w * s + gap) - gap;
  const height = rows * (h * s + gap) - gap;
  const data = new Uint8Array(width * height * 4).fill(255);
  for (let i = 0; i < n; i++) {
    const base = i * h * w * c;
    let lo = 0;
    let hi = 1;
    if (options.normalize === 'per-image') {
      lo = Infinity;
      hi = -Infinity;
      for (let j = 0; j < h * w * c; j++)
        ((lo = Math.min(lo, images[base + j]!)), (hi = Math.max(hi, images[base + j]!)));
      if (hi <= lo) hi = lo + 1;
    }
    const ox = (i % columns) * (w * s + gap);
    const oy = Math.floor(i / columns) * (h * s + gap);
    for (let y = 0; y < h * s; y++) {
      for (let x = 0; x < w * s; x++) {
        const src = base + (Math.floor(y / s) * w + Math.floor(x / s)) * c;
        const dst = ((oy + y) * width + ox + x) * 4;
        for (let k = 0; k < 3; k++) {
          const v = (images[src + (c === 3 ? k : 0)]! - lo) / (hi - lo);
          data[dst + k] = Math.round(255 * Math.min(1, Math.max(0, v)));
        }
        data[dst + 3] = 255;
      }
    }
  }
  return encodeRgba(data, width, height);
}

/** 8-bit RGBA samples as PNG bytes (fast-png), copied to a buffer of their own if fast-png returned a view. */
export function encodeRgba(data: Uint8Array, width: number, height: number): Uint8Array {
  const bytes = encode({ width, height, data, channels: 4, depth: 8 });
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/**
 * The first-layer filter grid as one PNG (each filter a tile; grayscale or RGB).
 * @example await writeFileAtomic('filters.png', filterGridPng(filterGrid(model), { scale: 8 }));
 */
export function filterGridPng(grid: FilterGrid, options: Omit<TileOptions, 'normalize'> = {}): Uint8Array {
  const [kh, kw] = grid.kernelSize;
  const c = grid.channels === 3 ? 3 : 1;
  const all = new Float32Array(grid.filters.length * kh * kw * c);
  grid.filters.forEach((f, i) => {
    for (let p = 0; p < kh * kw; p++)
      for (let k = 0; k < c; k++) all[(i * kh * kw + p) * c + k] = f.pixels[p * grid.channels + k]!;
  });
  return imagesToPng(all, [grid.filters.length, kh, kw, c], { scale: 8, ...options });
}
