/** Test helper, not built: small PNG and JPEG files made with the real encoders (fast-png, jpeg-js). */
import { encode, type ImageData } from 'fast-png';
import jpeg from 'jpeg-js';

/** A deterministic `w×h×c` pattern of 8-bit samples (every sample distinct mod 256 along a row). */
export function pattern(w: number, h: number, c: number, max = 255): Uint8Array {
  return Uint8Array.from({ length: w * h * c }, (_, i) => (i * 37 + 11) % (max + 1));
}

/** fast-png's encoder on raw samples. */
export function png(
  data: ImageData['data'],
  w: number,
  h: number,
  channels: number,
  extra: Partial<ImageData> = {},
): Uint8Array {
  return encode({ width: w, height: h, data, channels, depth: 8, ...extra });
}

/** jpeg-js's encoder on RGB samples (alpha set to 255). */
export function jpg(rgb: Uint8Array, w: number, h: number, quality = 95): Uint8Array {
  const rgba = new Uint8Array(w * h * 4);
  for (let p = 0; p < w * h; p++) (rgba.set(rgb.subarray(p * 3, p * 3 + 3), p * 4), (rgba[p * 4 + 3] = 255));
  const out = jpeg.encode({ width: w, height: h, data: rgba }, quality).data;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
