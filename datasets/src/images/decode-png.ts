/** `decodePng`: PNG bytes → 0..255 float samples through fast-png (every bit depth and colour type). */
import { convertIndexedToRgb, decode, type DecodedPng } from 'fast-png';
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import type { DecodeImageOptions, DecodedImage } from './decode-image.js';
import { toChannels } from './to-channels.js';

/** PNG colour types (IHDR byte 25): 0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA. */
const PALETTE = 3;
/** IHDR interlace method (byte 28) of Adam7: fast-png 8 de-interlaces only 8- and 16-bit samples. */
const ADAM7 = 1;
/** Signature (8) + IHDR length (4) + type (4) + 13 bytes of header + CRC (4). */
const HEADER_BYTES = 33;

/**
 * Decodes a PNG with fast-png, CRCs checked. The size in the IHDR header is checked first (zero-size and
 * over-`maxPixels` images are refused before anything is inflated). 16-bit samples are divided by 257 and
 * 1/2/4-bit gray levels stretched to 0..255 (× 255 / (2^depth − 1)); palettes are expanded to RGB; alpha (a gray +
 * alpha or RGBA image, or a palette with a tRNS chunk) is dropped, as PIL's `convert('RGB')` does.
 */
export function decodePng(
  bytes: Uint8Array,
  file: string,
  fn: string,
  options: Required<DecodeImageOptions>,
): DecodedImage {
  // 1. The header: the size before any allocation.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < HEADER_BYTES)
    throw new DatasetError(
      'corrupt-image',
      MESSAGES.truncatedImage(fn, file, 'PNG', `only ${bytes.length} bytes, shorter than a PNG header`),
      { file },
    );
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR')
    throw new DatasetError(
      'corrupt-image',
      MESSAGES.corruptImage(fn, file, 'PNG', 'the first chunk is not IHDR'),
      { file },
    );
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  checkSize(fn, file, width, height, options.maxPixels);
  const colourType = bytes[25];
  const depth = bytes[24]!;
  if (bytes[28] === ADAM7 && depth < 8)
    throw new DatasetError(
      'unsupported-image',
      MESSAGES.unsupportedPng(fn, file, `an interlaced (Adam7) PNG of ${depth}-bit samples`),
      { file },
    );
  // 2. Decode (fast-png reports a bad CRC, a bad chunk or a missing IEND; a read past the end is a truncation).
  let png: DecodedPng;
  try {
    png = decode(bytes, { checkCrc: true });
  } catch (error) {
    throw pngError(fn, file, error);
  }
  // 3. Samples → 0..255 floats, palettes expanded.
  if (colourType === PALETTE) {
    if (png.palette === undefined)
      throw new DatasetError(
        'corrupt-image',
        MESSAGES.corruptImage(fn, file, 'PNG', 'an indexed-colour image without a PLTE palette'),
        { file },
      );
    let rgb: Uint8Array;
    try {
      rgb = convertIndexedToRgb(png);
    } catch (error) {
      throw pngError(fn, file, error);
    }
    const channels = rgb.length / (width * height);
    return finish(width, height, Float32Array.from(rgb), channels, 8);
  }
  const samples = png.depth < 8 ? unpackBits(png, width, height) : toFloat(png);
  return finish(width, height, samples, png.channels, png.depth);
}

/** Zero-size and too-large images: checked on the header, before decoding. */
export function checkSize(fn: string, file: string, width: number, height: number, maxPixels: number): void {
  if (width === 0 || height === 0)
    throw new DatasetError('empty-image', MESSAGES.emptyImage(fn, file, width, height), { file });
  if (width * height > maxPixels)
    throw new DatasetError('image-too-large', MESSAGES.imageTooLarge(fn, file, width, height, maxPixels), {
      file,
    });
}

function finish(
  width: number,
  height: number,
  samples: Float32Array,
  channels: number,
  bitDepth: number,
): DecodedImage {
  const source = channels as 1 | 2 | 3 | 4;
  return { format: 'png', width, height, ...colourOf(samples, source), sourceChannels: source, bitDepth };
}

/** 8- and 16-bit samples as 0..255 floats (16-bit / 257, so 65535 → 255 exactly). */
function toFloat(png: DecodedPng): Float32Array {
  const out = Float32Array.from(png.data);
  if (png.depth === 16) for (let i = 0; i < out.length; i++) out[i] = out[i]! / 257;
  return out;
}

/** 1-, 2- and 4-bit gray levels (rows padded to whole bytes, most significant bits first) as 0..255 floats. */
function unpackBits(png: DecodedPng, width: number, height: number): Float32Array {
  const depth = png.depth;
  const rowBytes = Math.ceil((width * depth * png.channels) / 8);
  const perRow = width * png.channels;
  const stretch = 255 / (2 ** depth - 1);
  const out = new Float32Array(perRow * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < perRow; x++) {
      const bit = x * depth;
      const byte = png.data[y * rowBytes + (bit >> 3)] ?? 0;
      out[y * perRow + x] = ((byte >> (8 - depth - (bit & 7))) & (2 ** depth - 1)) * stretch;
    }
  return out;
}

/** fast-png's error as a `DatasetError` naming the file: a read past the end means the file was cut short. */
function pngError(fn: string, file: string, error: unknown): DatasetError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && message.includes('outside the bounds'))
    return new DatasetError(
      'corrupt-image',
      MESSAGES.truncatedImage(fn, file, 'PNG', 'it ends before its IEND chunk'),
      { file },
    );
  if (message === 'Unsupported filter: undefined')
    return new DatasetError(
      'corrupt-image',
      MESSAGES.corruptImage(fn, file, 'PNG', 'its image data is shorter than the size in its header needs'),
      { file },
    );
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return new DatasetError('corrupt-image', MESSAGES.corruptImage(fn, file, 'PNG', `${message}${cause}`), {
    file,
  });
}

/** Alpha dropped: gray (+ alpha) → 1 channel, RGB(A) → 3. */
function colourOf(samples: Float32Array, source: 1 | 2 | 3 | 4): { data: Float32Array; channels: 1 | 3 } {
  const channels = source <= 2 ? 1 : 3;
  return { data: source === channels ? samples : toChannels(samples, source, channels), channels };
}
