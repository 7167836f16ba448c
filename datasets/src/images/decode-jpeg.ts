/** `decodeJpeg`: JPEG bytes → 0..255 float samples through jpeg-js, with its resolution and memory limits set. */
import jpeg from 'jpeg-js';
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import type { DecodeImageOptions, DecodedImage } from './decode-image.js';
import { checkSize } from './decode-png.js';
import { SOF_NAMES, readJpegHeader } from './jpeg-header.js';

/** Bytes jpeg-js may allocate per pixel: DCT blocks (4 bytes a sample, ≤ 4 components), lines and output. */
const JPEG_BYTES_PER_PIXEL = 28;

/**
 * Decodes a baseline, extended or progressive 8-bit JPEG with jpeg-js (`tolerantDecoding: false`;
 * `maxResolutionInMP` and `maxMemoryUsageInMB` derived from `maxPixels`). The frame header is read first, so a
 * zero-size or over-large image, a lossless or arithmetic-coded one, or a 12-bit one is refused before decoding. A
 * file without its end-of-image marker (FF D9) is reported as truncated. Gray JPEGs give 1 channel; YCbCr, RGB and
 * Adobe CMYK/YCCK ones give RGB (jpeg-js's conversion).
 */
export function decodeJpeg(
  bytes: Uint8Array,
  file: string,
  fn: string,
  options: Required<DecodeImageOptions>,
): DecodedImage {
  // 1. The frame header: size, coding and components before any allocation.
  const header = readJpegHeader(bytes);
  const truncated = (detail: string): DatasetError =>
    new DatasetError('corrupt-image', MESSAGES.truncatedImage(fn, file, 'JPEG', detail), { file });
  if (header === undefined) throw truncated('it ends before its frame header (SOF)');
  if (typeof header === 'string')
    throw new DatasetError('corrupt-image', MESSAGES.corruptImage(fn, file, 'JPEG', header), { file });
  const kind = SOF_NAMES[header.sof];
  if (kind !== undefined || header.precision !== 8)
    throw new DatasetError(
      'unsupported-image',
      MESSAGES.unsupportedJpeg(fn, file, kind ?? `${header.precision}-bit`),
      { file },
    );
  checkSize(fn, file, header.width, header.height, options.maxPixels);
  if (header.components !== 1 && header.components !== 3 && header.components !== 4)
    throw new DatasetError(
      'unsupported-image',
      MESSAGES.unsupportedJpeg(fn, file, `${header.components}-component`),
      { file },
    );
  if (!hasEndMarker(bytes)) throw truncated('it has no end-of-image marker (FF D9)');
  // 2. Decode.
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxResolutionInMP: options.maxPixels / 1e6,
      maxMemoryUsageInMB: Math.ceil((options.maxPixels * JPEG_BYTES_PER_PIXEL) / 2 ** 20),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DatasetError('corrupt-image', MESSAGES.corruptImage(fn, file, 'JPEG', `jpeg-js: ${message}`), {
      file,
    });
  }
  // 3. RGB out of jpeg-js; a gray JPEG's three equal channels become one.
  const { width, height, data } = decoded;
  const gray = header.components === 1;
  const samples = new Float32Array(width * height * (gray ? 1 : 3));
  if (gray) for (let p = 0; p < width * height; p++) samples[p] = data[p * 3]!;
  else samples.set(data);
  return {
    format: 'jpeg',
    width,
    height,
    channels: gray ? 1 : 3,
    data: samples,
    sourceChannels: gray ? 1 : 3,
    bitDepth: 8,
  };
}

/** An EOI marker (FF D9) somewhere after the header: files with trailing bytes after it (some cameras) still pass. */
function hasEndMarker(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 2; i >= 2; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}
