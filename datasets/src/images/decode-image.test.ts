import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { caught } from '../test-caught.js';
import { decodeImage } from './decode-image.js';
import { grayJpeg, jpg, pattern, png, withImageData } from './test-images.js';

const W = 5;
const H = 3;

describe('decodeImage: PNG through fast-png', () => {
  it.each([
    ['gray', 1, 1],
    ['gray + alpha', 2, 1],
    ['RGB', 3, 3],
    ['RGBA', 4, 3],
  ] as const)('8-bit %s: samples as 0..255 floats, alpha dropped', (_, source, channels) => {
    const raw = pattern(W, H, source);
    const img = decodeImage(png(raw, W, H, source), 'x.png');
    expect(img).toMatchObject({
      format: 'png',
      width: W,
      height: H,
      channels,
      sourceChannels: source,
      bitDepth: 8,
    });
    const kept = Array.from(
      { length: W * H * channels },
      (_, i) => raw[Math.floor(i / channels) * source + (i % channels)],
    );
    expect([...img.data]).toEqual(kept);
  });

  it('16-bit: v / 257, so 65535 → 255 and 257·k → k exactly', () => {
    const raw = Uint16Array.from({ length: W * H * 3 }, (_, i) => (i === 0 ? 65535 : ((i * 7) % 256) * 257));
    const img = decodeImage(png(raw, W, H, 3, { depth: 16 }), 'x.png');
    expect(img.bitDepth).toBe(16);
    expect(img.data[0]).toBe(255);
    for (let i = 1; i < raw.length; i++) expect(img.data[i]).toBeCloseTo((i * 7) % 256, 4);
  });

  it.each([1, 2, 4] as const)(
    '%i-bit gray: levels stretched to 0..255 (× 255 / (2^depth − 1)), rows byte-padded',
    (depth) => {
      const levels = 2 ** depth;
      const w = 7; // not a multiple of 8 / depth: every row ends in padding bits
      const values = Array.from({ length: w * H }, (_, i) => (i * 3) % levels);
      const rowBytes = Math.ceil((w * depth) / 8);
      const packed = new Uint8Array(rowBytes * H);
      values.forEach((v, i) => {
        const [y, x] = [Math.floor(i / w), i % w];
        packed[y * rowBytes + ((x * depth) >> 3)]! |= v << (8 - depth - ((x * depth) & 7));
      });
      const img = decodeImage(png(packed, w, H, 1, { depth }), 'x.png');
      expect(img.bitDepth).toBe(depth);
      expect([...img.data].map((v) => Math.round(v))).toEqual(
        values.map((v) => Math.round((v * 255) / (levels - 1))),
      );
    },
  );

  it('palette: expanded to RGB; with a tRNS chunk the alpha is dropped and sourceChannels is 4', () => {
    const palette = [
      [10, 20, 30],
      [200, 100, 0],
      [0, 255, 7],
    ];
    const idx = Uint8Array.from({ length: W * H }, (_, i) => i % 3);
    const want = [...idx].flatMap((i) => palette[i]!);
    const rgb = decodeImage(png(idx, W, H, 1, { palette }), 'p.png');
    expect(rgb).toMatchObject({ channels: 3, sourceChannels: 3 });
    expect([...rgb.data]).toEqual(want);
    const withAlpha = decodeImage(
      png(idx, W, H, 1, { palette: palette.map((c, i) => [...c, i * 100]) }),
      'p.png',
    );
    expect(withAlpha).toMatchObject({ channels: 3, sourceChannels: 4 });
    expect([...withAlpha.data]).toEqual(want);
  });

  it('Adam7-interlaced PNGs decode to the same pixels', () => {
    const raw = pattern(9, 7, 3);
    const interlaced = encode(
      { width: 9, height: 7, data: raw, channels: 3, depth: 8 },
      { interlace: 'Adam7' },
    );
    expect(interlaced[28]).toBe(1); // IHDR interlace method: Adam7
    expect([...decodeImage(interlaced, 'a.png').data]).toEqual([...raw]);
  });

  it('Adam7-interlaced 16-bit PNGs too', () => {
    const raw = Uint16Array.from({ length: 9 * 7 * 2 }, (_, i) => ((i * 13) % 256) * 257);
    const interlaced = encode(
      { width: 9, height: 7, data: raw, channels: 2, depth: 16 },
      { interlace: 'Adam7' },
    );
    const img = decodeImage(interlaced, 'a.png');
    expect(img).toMatchObject({ channels: 1, sourceChannels: 2, bitDepth: 16 });
    img.data.forEach((v, p) => expect(v).toBeCloseTo((p * 2 * 13) % 256, 4));
  });
});

describe('decodeImage: JPEG through jpeg-js', () => {
  it('RGB: within the JPEG loss of the source (quality 95, smooth image)', () => {
    const w = 16;
    const h = 16;
    const rgb = Uint8Array.from({ length: w * h * 3 }, (_, i) => {
      const [p, k] = [Math.floor(i / 3), i % 3];
      return 40 + k * 50 + (p % w) * 4 + Math.floor(p / w) * 2;
    });
    const img = decodeImage(jpg(rgb, w, h), 'x.jpg');
    expect(img).toMatchObject({
      format: 'jpeg',
      width: w,
      height: h,
      channels: 3,
      sourceChannels: 3,
      bitDepth: 8,
    });
    let worst = 0;
    rgb.forEach((v, i) => (worst = Math.max(worst, Math.abs(img.data[i]! - v))));
    expect(worst).toBeLessThanOrEqual(8); // JPEG is lossy: a smooth ramp at quality 95 stays within a few levels
  });

  it('gray (one component): one channel, each block its level (a hand-written JPEG, DC-only blocks)', () => {
    const levels = [100, 200, 128, 0, 255, 37];
    const img = decodeImage(grayJpeg(levels, 3), 'g.jpg');
    expect(img).toMatchObject({ width: 24, height: 16, channels: 1, sourceChannels: 1 });
    for (let y = 0; y < 16; y++)
      for (let x = 0; x < 24; x++)
        expect(
          Math.abs(img.data[y * 24 + x]! - levels[Math.floor(y / 8) * 3 + Math.floor(x / 8)]!),
        ).toBeLessThanOrEqual(1);
  });

  it('tells the type by the bytes, not the name: a PNG called .jpg and a JPEG called .png decode', () => {
    expect(decodeImage(png(pattern(2, 2, 1), 2, 2, 1), 'really-a-png.jpg').format).toBe('png');
    expect(decodeImage(jpg(pattern(8, 8, 3), 8, 8), 'really-a-jpeg.png').format).toBe('jpeg');
  });
});

describe('decodeImage: bad bytes', () => {
  const good = png(pattern(W, H, 3), W, H, 3);
  const goodJpeg = jpg(pattern(16, 16, 3), 16, 16);
  const flipped = good.slice();
  flipped[good.length - 20]! ^= 0xff; // inside IDAT: its CRC no longer matches
  const zeroWide = good.slice();
  zeroWide.set([0, 0, 0, 0], 16);
  it.each([
    [
      'an empty file',
      new Uint8Array(0),
      'unsupported-image',
      `decodeImage: "f" is not a PNG or JPEG image: its first bytes are no bytes (the file is empty); supported are PNG (starting 89 50 4E 47 0D 0A 1A 0A) and JPEG (starting FF D8 FF), told apart by these bytes whatever the file name says`,
    ],
    [
      'a text file',
      new TextEncoder().encode('hello world'),
      'unsupported-image',
      `decodeImage: "f" is not a PNG or JPEG image: its first bytes are 68 65 6C 6C 6F 20 77 6F … ("hello wo"); supported are PNG (starting 89 50 4E 47 0D 0A 1A 0A) and JPEG (starting FF D8 FF), told apart by these bytes whatever the file name says`,
    ],
    [
      'a GIF',
      new TextEncoder().encode('GIF89a\u0001\u0000'),
      'unsupported-image',
      `decodeImage: "f" is a GIF image, not a PNG or JPEG: its first bytes are 47 49 46 38 39 61 01 00 ("GIF89a.."); supported are PNG (starting 89 50 4E 47 0D 0A 1A 0A) and JPEG (starting FF D8 FF), told apart by these bytes whatever the file name says; convert it to PNG`,
    ],
    [
      'a truncated PNG (no IEND)',
      good.subarray(0, good.length - 12),
      'corrupt-image',
      `decodeImage: "f" is a truncated PNG: it ends before its IEND chunk, so the file was cut short (an interrupted copy or download?); re-export the image or remove it`,
    ],
    [
      'a PNG cut inside its header',
      good.subarray(0, 20),
      'corrupt-image',
      `decodeImage: "f" is a truncated PNG: only 20 bytes, shorter than a PNG header, so the file was cut short (an interrupted copy or download?); re-export the image or remove it`,
    ],
    [
      'a PNG with a bad CRC',
      flipped,
      'corrupt-image',
      /^decodeImage: "f" is a corrupt PNG \(CRC mismatch for chunk IDAT\. Expected \d+, found \d+\); re-export the image or remove it$/,
    ],
    [
      'a PNG with too little image data (2 rows of a 5×3)',
      withImageData(good, new Uint8Array(2 * (1 + 3 * W))),
      'corrupt-image',
      'decodeImage: "f" is a corrupt PNG (its image data is shorter than the size in its header needs); re-export the image or remove it',
    ],
    [
      'a 0-pixel-wide PNG',
      zeroWide,
      'empty-image',
      'decodeImage: "f" is 0×3 pixels (width × height), an empty image; an image needs at least 1×1',
    ],
    [
      'a truncated JPEG',
      goodJpeg.subarray(0, goodJpeg.length - 100),
      'corrupt-image',
      `decodeImage: "f" is a truncated JPEG: it has no end-of-image marker (FF D9), so the file was cut short (an interrupted copy or download?); re-export the image or remove it`,
    ],
    [
      'a JPEG cut before its frame header',
      goodJpeg.subarray(0, 30),
      'corrupt-image',
      `decodeImage: "f" is a truncated JPEG: it ends before its frame header (SOF), so the file was cut short (an interrupted copy or download?); re-export the image or remove it`,
    ],
  ] as const)('%s', (_, bytes, code, message) => {
    const error = caught(() => decodeImage(bytes, 'f'));
    expect(error.code).toBe(code);
    expect(error.file).toBe('f');
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('too many pixels: refused from the header, for PNG and JPEG', () => {
    expect(caught(() => decodeImage(good, 'f', { maxPixels: 14 })).message).toBe(
      'decodeImage: "f" is 5×3 = 15 pixels, over the limit of 14 (options.maxPixels); shrink it first, or raise the limit if you mean it',
    );
    expect(caught(() => decodeImage(goodJpeg, 'g.jpg', { maxPixels: 255 })).code).toBe('image-too-large');
    expect(decodeImage(good, 'f', { maxPixels: 15 }).width).toBe(W);
  });

  it('an interlaced PNG of 1-, 2- or 4-bit samples (which fast-png 8 de-interlaces wrongly) is refused', () => {
    const bytes = png(new Uint8Array(H), 8, H, 1, { depth: 1 });
    bytes[28] = 1; // IHDR interlace method: Adam7 (refused from the header, before its CRC is checked)
    expect(caught(() => decodeImage(bytes, 'i.png')).message).toBe(
      'decodeImage: "i.png" is an interlaced (Adam7) PNG of 1-bit samples, which fast-png cannot decode; re-save it without interlacing (or at 8 bits)',
    );
  });

  it('a lossless JPEG (SOF3) is named as unsupported', () => {
    const lossless = goodJpeg.slice();
    const sof = lossless.findIndex((b, i) => b === 0xff && lossless[i + 1] === 0xc0);
    lossless[sof + 1] = 0xc3;
    expect(caught(() => decodeImage(lossless, 'l.jpg')).message).toBe(
      'decodeImage: "l.jpg" is a lossless (SOF3) JPEG, which jpeg-js cannot decode (8-bit baseline and progressive JPEGs are supported); re-save it as an ordinary JPEG or as PNG',
    );
  });

  it('file names are escaped in messages; bad arguments are named', () => {
    expect(caught(() => decodeImage(new Uint8Array(0), 'a\u001b[31m.png')).message).toContain(
      '"a\\x1b[31m.png"',
    );
    expect(caught(() => decodeImage(good, 'f', { maxPixels: 0 })).message).toBe(
      'decodeImage: options.maxPixels must be an integer ≥ 1, got 0',
    );
    expect(caught(() => decodeImage('x' as unknown as Uint8Array, 'f'))).toBeInstanceOf(DatasetError);
  });
});
