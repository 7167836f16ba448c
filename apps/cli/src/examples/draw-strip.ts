/** Drawing dataset examples (no tensors): an image upscaled with its receptive field boxed, a crop fitted to a tile, rows of tiles. */
import type { InputBox } from '@openbox/cnn-vis';

/** An RGB picture in [0, 1], row-major `[height, width, 3]`. */
export interface Canvas {
  readonly height: number;
  readonly width: number;
  readonly data: Float32Array;
}

/** The box colour (red), visible on grey and on most photos. */
const BOX = [1, 0.1, 0.1] as const;

/** A white canvas. */
export function blank(height: number, width: number): Canvas {
  return { height, width, data: new Float32Array(height * width * 3).fill(1) };
}

/** Copies `pixels` (`[h, w, c]`, c = 1 or 3, in [0, 1]) into `canvas` at (top, left), each pixel as an s×s block. */
function paint(
  canvas: Canvas,
  pixels: Float32Array,
  h: number,
  w: number,
  c: number,
  s: number,
  top: number,
  left: number,
): void {
  for (let y = 0; y < h * s; y++)
    for (let x = 0; x < w * s; x++) {
      const src = (Math.floor(y / s) * w + Math.floor(x / s)) * c;
      const dst = ((top + y) * canvas.width + left + x) * 3;
      for (let k = 0; k < 3; k++) canvas.data[dst + k] = pixels[src + (c === 3 ? k : 0)]!;
    }
}

/**
 * The image `[h, w, c]` upscaled `s` times with `box` (input pixels, end exclusive) outlined, `thickness` px inside it.
 * @example const tile = boxedImage(pixels, [28, 28, 1], 4, { y0: 4, x0: 4, y1: 20, x1: 20 });
 */
export function boxedImage(
  pixels: Float32Array,
  shape: readonly [number, number, number],
  s: number,
  box?: InputBox,
): Canvas {
  const [h, w, c] = shape;
  const canvas = blank(h * s, w * s);
  paint(canvas, pixels, h, w, c, s, 0, 0);
  if (box === undefined) return canvas;
  const t = Math.max(1, Math.floor(s / 2));
  const [y0, y1, x0, x1] = [box.y0 * s, box.y1 * s - 1, box.x0 * s, box.x1 * s - 1];
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      const edge = y < y0 + t || y > y1 - t || x < x0 + t || x > x1 - t;
      if (edge) canvas.data.set(BOX, (y * canvas.width + x) * 3);
    }
  return canvas;
}

/** The crop `[ch, cw, c]` enlarged by the largest whole factor that fits a `size`×`size` tile, centred on white. */
export function fittedCrop(
  pixels: Float32Array,
  shape: readonly [number, number, number],
  size: number,
): Canvas {
  const [ch, cw, c] = shape;
  const f = Math.max(1, Math.floor(Math.min(size / ch, size / cw)));
  const canvas = blank(size, size);
  paint(
    canvas,
    pixels,
    ch,
    cw,
    c,
    f,
    Math.max(0, Math.floor((size - ch * f) / 2)),
    Math.max(0, Math.floor((size - cw * f) / 2)),
  );
  return canvas;
}

/**
 * Rows of equally sized tiles on white, `gap` px apart (rows may be shorter than the longest).
 * @example tileRows([[a, b, c], [cropA, cropB, cropC]], 2)
 */
export function tileRows(rows: readonly (readonly Canvas[])[], gap: number): Canvas {
  const tileH = Math.max(...rows.flat().map((t) => t.height));
  const tileW = Math.max(...rows.flat().map((t) => t.width));
  const columns = Math.max(...rows.map((r) => r.length));
  const canvas = blank(rows.length * (tileH + gap) - gap, columns * (tileW + gap) - gap);
  rows.forEach((row, r) =>
    row.forEach((tile, i) =>
      paint(canvas, tile.data, tile.height, tile.width, 3, 1, r * (tileH + gap), i * (tileW + gap)),
    ),
  );
  return canvas;
}
