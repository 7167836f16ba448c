/** `encodeImage`: one HWC image with values in [0, 1] as PNG (fast-png) or JPEG (jpeg-js) bytes. */
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import type { ImageFormat } from './sniff-image.js';

/** Options of {@link encodeImage}. */
export interface EncodeImageOptions {
  /** `'png'` (default; lossless at 8 bits) or `'jpeg'`. */
  readonly format?: ImageFormat;
  /** JPEG quality, 1–100. Default 90. */
  readonly quality?: number;
}

/**
 * Encodes a row-major `[height, width, channels]` image (1 gray or 3 RGB) whose values are in [0, 1]: each value is
 * clamped to [0, 1], × 255 and rounded to 8 bits (NaN → 0). PNG: 8-bit gray or RGB through fast-png. JPEG: baseline
 * YCbCr through jpeg-js at `quality` (gray is encoded as equal R, G and B; JPEG encoding uses Node's `Buffer`).
 * @example await writeFile('a.png', encodeImage(pixels, [28, 28, 1]));
 */
export function encodeImage(
  values: Float32Array,
  shape: readonly [height: number, width: number, channels: 1 | 3],
  options: EncodeImageOptions = {},
): Uint8Array {
  const [height, width, channels] = shape;
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++)
    bytes[i] = Math.round(255 * Math.min(1, Math.max(0, values[i]! || 0)));
  if ((options.format ?? 'png') === 'png')
    return encodePng({ width, height, data: bytes, channels, depth: 8 });
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let k = 0; k < 3; k++) rgba[p * 4 + k] = bytes[p * channels + (channels === 3 ? k : 0)]!;
    rgba[p * 4 + 3] = 255;
  }
  const encoded = jpeg.encode({ width, height, data: rgba }, options.quality ?? 90).data;
  return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}
