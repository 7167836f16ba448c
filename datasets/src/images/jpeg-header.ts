/** `readJpegHeader`: a JPEG's frame header (SOFn: size, components, precision) by walking its markers. */

/** What the SOFn segment says. */
export interface JpegHeader {
  /** The SOF marker's low byte: 0xC0 baseline, 0xC1 extended, 0xC2 progressive, others lossless/arithmetic. */
  readonly sof: number;
  readonly precision: number;
  readonly width: number;
  readonly height: number;
  /** Colour components: 1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK. */
  readonly components: number;
}

/** The SOF markers' names (Annex B of ITU T.81), for the unsupported ones' message. */
export const SOF_NAMES: Readonly<Record<number, string>> = {
  0xc3: 'lossless (SOF3)',
  0xc5: 'differential sequential (SOF5)',
  0xc6: 'differential progressive (SOF6)',
  0xc7: 'differential lossless (SOF7)',
  0xc9: 'arithmetic-coded sequential (SOF9)',
  0xca: 'arithmetic-coded progressive (SOF10)',
  0xcb: 'arithmetic-coded lossless (SOF11)',
  0xcd: 'arithmetic-coded differential sequential (SOF13)',
  0xce: 'arithmetic-coded differential progressive (SOF14)',
  0xcf: 'arithmetic-coded differential lossless (SOF15)',
};

const isSof = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/**
 * Walks the marker segments after SOI (FF D8) up to the first SOFn and reads it; `undefined` if the bytes end first
 * (a truncated file) or a scan (SOS) or the end (EOI) comes before any frame header. A string is returned for a
 * malformed marker sequence, describing it.
 * @example readJpegHeader(bytes) // { sof: 0xc0, precision: 8, width: 64, height: 48, components: 3 }
 */
export function readJpegHeader(bytes: Uint8Array): JpegHeader | string | undefined {
  const u16 = (at: number): number => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return `expected a marker (FF) at byte ${at}, found ${hex(bytes[at] ?? 0)}`;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9)
      return `no frame header (SOF) before the ${marker === 0xda ? 'scan' : 'end'}`;
    const length = u16(at + 2);
    if (length < 2) return `a marker segment of length ${length} at byte ${at}`;
    if (isSof(marker)) {
      if (at + 10 > bytes.length) return undefined;
      return {
        sof: marker,
        precision: bytes[at + 4]!,
        height: u16(at + 5),
        width: u16(at + 7),
        components: bytes[at + 9]!,
      };
    }
    at += 2 + length;
  }
  return undefined;
}

/** `FF` style hex of one byte. */
export const hex = (byte: number): string => byte.toString(16).toUpperCase().padStart(2, '0');
