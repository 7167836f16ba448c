import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { filterGridPng, imagesToPng } from './png.js';

/** The RGBA of pixel (x, y) of a decoded PNG. */
const at = (png: ReturnType<typeof decode>, x: number, y: number): number[] =>
  Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4));

describe('imagesToPng (fast-png)', () => {
  // Three 2×2 gray images: values 0, 1/3, 2/3, 1 in reading order, offset by image index / 10 (clipped).
  const gray = Float32Array.from({ length: 12 }, (_, i) => (i % 4) / 3 + Math.floor(i / 4) / 10);

  it('decodes (fast-png decode) to the tiles: ceil(√n) columns, 1-pixel white gaps, values ×255 rounded and clipped', () => {
    const png = decode(imagesToPng(gray, [3, 2, 2, 1]));
    expect([png.width, png.height, png.channels, png.depth]).toEqual([5, 5, 4, 8]);
    for (let i = 0; i < 3; i++) {
      const [ox, oy] = [(i % 2) * 3, Math.floor(i / 2) * 3];
      for (let p = 0; p < 4; p++) {
        const v = Math.round(255 * Math.min(1, (p % 4) / 3 + i / 10));
        expect(at(png, ox + (p % 2), oy + Math.floor(p / 2))).toEqual([v, v, v, 255]);
      }
    }
    expect(at(png, 2, 0)).toEqual([255, 255, 255, 255]); // the gap
    expect(at(png, 4, 4)).toEqual([255, 255, 255, 255]); // the empty fourth tile
  });

  it('RGB channels, nearest-neighbour scale, per-image normalization, columns', () => {
    const rgb = Float32Array.of(0, 0.5, 1, -1, 2, 0.25); // one 1×2 RGB image, out of range on purpose
    const clipped = decode(imagesToPng(rgb, [1, 1, 2, 3], { scale: 2 }));
    expect([clipped.width, clipped.height]).toEqual([4, 2]);
    expect(at(clipped, 1, 1)).toEqual([0, 128, 255, 255]);
    expect(at(clipped, 2, 0)).toEqual([0, 255, 64, 255]);
    const stretched = decode(imagesToPng(rgb, [1, 1, 2, 3], { normalize: 'per-image' }));
    // (v − min) / (max − min) with min −1, max 2.
    expect(at(stretched, 0, 0)).toEqual([85, 128, 170, 255]);
    const row = decode(imagesToPng(gray, [3, 2, 2, 1], { columns: 3, gap: 0 }));
    expect([row.width, row.height]).toEqual([6, 2]);
  });

  it('returns a Uint8Array that owns its buffer (transferable), starting with the PNG signature', () => {
    const bytes = imagesToPng(gray, [3, 2, 2, 1]);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('a bad batch is refused', () => {
    expect(() => imagesToPng(new Float32Array(3), [1, 1, 1, 2])).toThrow(/imagesToPng/);
  });

  it('filterGridPng: each filter a tile, 8× by default', () => {
    const grid = {
      layer: 'conv1',
      kernelSize: [1, 2] as [number, number],
      channels: 1,
      filters: [{ pixels: Float32Array.of(0, 1) }, { pixels: Float32Array.of(1, 0) }],
    };
    const png = decode(filterGridPng(grid as unknown as Parameters<typeof filterGridPng>[0]));
    expect([png.width, png.height]).toEqual([2 * 16 + 1, 8]);
    expect(at(png, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(at(png, 17, 7)).toEqual([255, 255, 255, 255]);
    expect(at(png, 16, 0)).toEqual([255, 255, 255, 255]); // gap
  });
});
