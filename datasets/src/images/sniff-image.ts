/** `sniffImage`: which image type a file is, from its first bytes (magic numbers), whatever its name says. */

/** The two types the decoder reads. */
export type ImageFormat = 'png' | 'jpeg';

/** What the first bytes say: a supported format, or the name of a known unsupported one (`undefined`: unknown). */
export type Sniffed =
  { readonly format: ImageFormat } | { readonly format: undefined; readonly kind: string | undefined };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
/** The PNG signature as a message shows it. */
export const PNG_MAGIC = '89 50 4E 47 0D 0A 1A 0A';
/** The start of every JPEG (SOI marker + the next marker's FF), as a message shows it. */
export const JPEG_MAGIC = 'FF D8 FF';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** Known types we do not decode, so the message can name them (checked in order). */
const OTHERS: readonly { readonly kind: string; readonly test: (b: Uint8Array) => boolean }[] = [
  { kind: 'a GIF image', test: (b) => startsWith(b, ascii('GIF8')) },
  { kind: 'a WebP image', test: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  { kind: 'a BMP image', test: (b) => startsWith(b, ascii('BM')) },
  {
    kind: 'a TIFF image',
    test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0]) || startsWith(b, [0x4d, 0x4d, 0, 0x2a]),
  },
  { kind: 'a HEIC/AVIF image', test: (b) => startsWith(b, ascii('ftyp'), 4) },
  { kind: 'a JPEG 2000 image', test: (b) => startsWith(b, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20]) },
  { kind: 'an SVG or other XML/HTML text', test: (b) => startsWith(b, ascii('<')) },
  {
    kind: 'a Git LFS pointer (the image itself was not downloaded)',
    test: (b) => startsWith(b, ascii('version https://git-lfs')),
  },
];

/**
 * Identifies PNG (signature `89 50 4E 47 0D 0A 1A 0A`) and JPEG (`FF D8 FF`) by their magic bytes; the file name
 * plays no part, so a PNG saved as `.jpg` is still read as a PNG. Other known types (GIF, WebP, BMP, TIFF,
 * HEIC/AVIF, JPEG 2000, SVG, a Git LFS pointer) are named for the error message.
 * @example sniffImage(bytes).format // 'png'
 */
export function sniffImage(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, PNG_SIGNATURE)) return { format: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { format: 'jpeg' };
  return { format: undefined, kind: OTHERS.find((o) => o.test(bytes))?.kind };
}

/**
 * The first `count` bytes as hex plus their printable ASCII, for messages: `47 49 46 38 39 61 ("GIF89a")`;
 * `no bytes` for an empty file.
 */
export function firstBytes(bytes: Uint8Array, count = 8): string {
  if (bytes.length === 0) return 'no bytes (the file is empty)';
  const head = [...bytes.subarray(0, count)];
  const hex = head.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  const text = head.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `${hex}${bytes.length > count ? ' …' : ''} ("${text}")`;
}
