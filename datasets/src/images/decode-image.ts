/** `decodeImage`: PNG or JPEG bytes (told apart by their magic bytes) → HWC float pixels 0..255. Browser-safe. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import { decodeJpeg } from './decode-jpeg.js';
import { decodePng } from './decode-png.js';
import { JPEG_MAGIC, PNG_MAGIC, firstBytes, sniffImage, type ImageFormat } from './sniff-image.js';
import type { SourceChannels } from './to-channels.js';

/** A decoded image: row-major HWC samples, 0..255 per sample (floats: 16-bit PNGs keep their precision). */
export interface DecodedImage {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
  /** Samples per pixel in `data`: 1 gray or 3 RGB (alpha dropped, palettes expanded). */
  readonly channels: 1 | 3;
  /** `height × width × channels` samples in 0..255, row-major (HWC). */
  readonly data: Float32Array;
  /** What the file stores: 1 gray, 2 gray + alpha, 3 colour, 4 RGBA (a palette with transparency counts as 4). */
  readonly sourceChannels: SourceChannels;
  /** Bits per sample in the file: PNG 1, 2, 4, 8 or 16 (palettes: 8 after expansion); JPEG 8. */
  readonly bitDepth: number;
}

/** Options of {@link decodeImage}. */
export interface DecodeImageOptions {
  /** Most pixels (width × height) accepted, checked on the header before decoding. Default `DEFAULT_MAX_PIXELS` (40 M). */
  readonly maxPixels?: number;
}

/** 40 megapixels: a 7,300 × 5,500 photo; decoding it to float RGB takes about 0.5 GB. */
export const DEFAULT_MAX_PIXELS = 40_000_000;

const FN = 'decodeImage';

/**
 * Decodes a PNG (fast-png: bit depths 1–16; gray, gray + alpha, RGB, RGBA, palette; Adam7-interlaced at 8 or 16 bits; CRCs checked)
 * or a JPEG (jpeg-js: baseline or progressive, gray, YCbCr or Adobe CMYK) into float samples 0..255. The type is
 * told by the magic bytes — PNG `89 50 4E 47 0D 0A 1A 0A`, JPEG `FF D8 FF` — not by the file name, so a PNG named
 * `.jpg` decodes. `file` only names the image in messages; nothing is read from disk (this module imports no
 * `node:` module). Alpha is dropped; EXIF orientation, ICC profiles and gamma are not applied (as in Keras' and
 * torchvision's loaders); an animated PNG gives its default image. Every failure is a `DatasetError` naming `file`: `unsupported-image` (another
 * type, named with the first bytes), `corrupt-image` (bad CRC or chunk, truncated — a PNG without IEND, a JPEG
 * without its end marker), `empty-image` (0 pixels wide or high), `image-too-large` (over `maxPixels`).
 * @example const img = decodeImage(await readFile('cat.png'), 'cat.png'); img.width; img.data[0] // 0..255
 */
export function decodeImage(bytes: Uint8Array, file: string, options: DecodeImageOptions = {}): DecodedImage {
  return decodeImageFor(FN, bytes, file, options);
}

/** {@link decodeImage} with its messages naming `fn` (the loader that called it). */
export function decodeImageFor(
  fn: string,
  bytes: Uint8Array,
  file: string,
  options: DecodeImageOptions,
): DecodedImage {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (!(bytes instanceof Uint8Array))
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'bytes', 'a Uint8Array', typeof bytes),
      { file },
    );
  if (!Number.isSafeInteger(maxPixels) || maxPixels < 1)
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'options.maxPixels', 'an integer ≥ 1', maxPixels),
      { file },
    );
  const sniffed = sniffImage(bytes);
  switch (sniffed.format) {
    case 'png':
      return decodePng(bytes, file, fn, { maxPixels });
    case 'jpeg':
      return decodeJpeg(bytes, file, fn, { maxPixels });
    default:
      throw new DatasetError(
        'unsupported-image',
        MESSAGES.unsupportedImage(fn, file, sniffed.kind, firstBytes(bytes), PNG_MAGIC, JPEG_MAGIC),
        { file },
      );
  }
}
