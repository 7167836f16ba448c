/** Test helper, not built: small PNG and JPEG files made with the real encoders (fast-png, jpeg-js). */
import { encode, type ImageData } from 'fast-png';
import { deflateSync } from 'node:zlib';
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

/**
 * A one-component (grayscale) baseline JPEG of 8×8 blocks each of one constant level, written from the standard
 * (ITU T.81) by hand, since jpeg-js only encodes colour: quantization 1 everywhere, so a constant block's only
 * coefficient is DC = 8 · (level − 128); DC differences coded with 12 four-bit Huffman codes (one per category),
 * AC with a single code, EOB. `levels` are the blocks in raster order, `columns` blocks wide.
 */
export function grayJpeg(levels: readonly number[], columns: number): Uint8Array {
  const rows = Math.ceil(levels.length / columns);
  const u16 = (v: number): number[] => [v >> 8, v & 0xff];
  const segment = (marker: number, body: number[]): number[] => [
    0xff,
    marker,
    ...u16(body.length + 2),
    ...body,
  ];
  // Entropy-coded data: per block, the DC difference's category code + its bits, then EOB.
  let bits = '';
  let previous = 0;
  for (const level of levels) {
    const dc = 8 * (level - 128);
    const diff = dc - previous;
    previous = dc;
    const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
    const magnitude = diff >= 0 ? diff : diff + (1 << category) - 1; // one's complement for negatives
    bits +=
      category.toString(2).padStart(4, '0') +
      (category === 0 ? '' : magnitude.toString(2).padStart(category, '0'));
    bits += '0'; // EOB
  }
  bits = bits.padEnd(Math.ceil(bits.length / 8) * 8, '1');
  const scan: number[] = [];
  for (let i = 0; i < bits.length; i += 8) {
    const byte = parseInt(bits.slice(i, i + 8), 2);
    scan.push(byte, ...(byte === 0xff ? [0] : [])); // byte stuffing
  }
  const counts = (n: number, length: number): number[] =>
    Array.from({ length: 16 }, (_, i) => (i === length - 1 ? n : 0));
  return Uint8Array.from([
    0xff,
    0xd8,
    ...segment(0xdb, [0, ...Array(64).fill(1)]),
    ...segment(0xc0, [8, ...u16(rows * 8), ...u16(columns * 8), 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, ...counts(12, 4), ...Array.from({ length: 12 }, (_, i) => i)]),
    ...segment(0xc4, [0x10, ...counts(1, 1), 0x00]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...scan,
    0xff,
    0xd9,
  ]);
}

/**
 * `header` (a PNG from {@link png}) with its image data replaced by `idat` (raw bytes, zlib-compressed here) and the
 * chunk CRCs right: for PNGs whose data does not match their header.
 */
export function withImageData(header: Uint8Array, idat: Uint8Array): Uint8Array {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Uint8Array): number => {
    let c = 0xffffffff;
    for (const b of bytes) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Uint8Array): Uint8Array => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(
      [...type].map((c) => c.charCodeAt(0)),
      4,
    );
    out.set(data, 8);
    view.setUint32(8 + data.length, crc(out.subarray(4, 8 + data.length)));
    return out;
  };
  const parts = [header.subarray(0, 33), chunk('IDAT', deflateSync(idat)), chunk('IEND', new Uint8Array(0))];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}
