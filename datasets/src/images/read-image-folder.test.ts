import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImageFolder } from './read-image-folder.js';
import { folderFactory, gray4 } from './test-folders.js';
import { grayJpeg, jpg, pattern, png } from './test-images.js';

const { folder } = await folderFactory('read-image-folder');
const OPTS = { height: 4, width: 4, channels: 1 } as const;

describe('readImageFolder: good folders', () => {
  it('classes = sorted folder names; images sorted by path; shape, target, files and the Dataset fields', async () => {
    const dir = await folder({
      'b/2.png': gray4(2),
      'b/10.png': gray4(10),
      'a/x.PNG': gray4(0),
      'a/sub/y.png': gray4(1),
    });
    const ds = await readImageFolder(dir, OPTS);
    expect(ds.classNames).toEqual(['a', 'b']);
    expect(ds.files).toEqual(['a/sub/y.png', 'a/x.PNG', 'b/10.png', 'b/2.png']); // code-point order
    expect([...ds.target]).toEqual([0, 0, 1, 1]);
    expect(ds.shape).toEqual([4, 4, 4, 1]);
    expect(ds.features.length).toBe(4 * 16);
    expect(ds).toMatchObject({
      name: path.basename(dir),
      source: dir,
      license: "the user's",
      featureNames: ['pixel'],
      targetName: 'class',
      scale: '0-1',
    });
    // Pixels: 0-1 scale of the PNG's samples, image by image.
    const raw = pattern(4, 4, 1);
    for (const [i, seed] of [1, 0, 10, 2].entries())
      for (let p = 0; p < 16; p++)
        expect(ds.features[i * 16 + p]).toBeCloseTo(((raw[p]! + seed) % 256) / 255, 6);
    expect(ds.sourceSizes).toEqual(Array(4).fill({ width: 4, height: 4 }));
    expect(ds.preprocessing).toBe(
      `Read 4 images (4 PNG) in 2 classes from "${dir}"; all 4×4 (width × height), not resized; then pixels/255, so values in [0, 1] ('0-1').`,
    );
  });

  it('skips hidden entries, Thumbs.db / desktop.ini and top-level README / LICENSE files', async () => {
    const dir = await folder({
      '.DS_Store': 'x',
      'README.md': '# my data',
      LICENSE: 'CC0',
      '.git/config': 'x',
      'a/1.png': gray4(0),
      'a/._1.png': 'AppleDouble',
      'a/Thumbs.db': 'x',
      'b/1.png': gray4(1),
      'b/desktop.ini': 'x',
    });
    expect((await readImageFolder(dir, OPTS)).files).toEqual(['a/1.png', 'b/1.png']);
  });

  it('PNG and JPEG mixed, by magic bytes: a PNG named .jpg reads as PNG', async () => {
    const dir = await folder({ 'a/1.jpg': gray4(0), 'b/1.jpeg': jpg(pattern(8, 8, 3), 8, 8) });
    const ds = await readImageFolder(dir, { height: 8, width: 8, channels: 3 });
    expect(ds.preprocessing).toContain('Read 2 images (1 PNG, 1 JPEG) in 2 classes');
    expect(ds.preprocessing).toContain('gray replicated into R, G and B (1 of 2 images)');
    expect(ds.preprocessing).toContain(
      'resized from 2 different sizes (smallest 4×4, largest 8×8) to 8×8 (width × height; 1 already were;',
    );
  });

  it('resizes mixed sizes and says so; RGB to gray; imagenet scale', async () => {
    const rgb = pattern(6, 2, 3);
    const dir = await folder({ 'a/1.png': png(rgb, 6, 2, 3), 'b/1.png': png(pattern(3, 1, 4), 3, 1, 4) });
    const ds = await readImageFolder(dir, { height: 1, width: 3, channels: 1, scale: 'imagenet' });
    expect(ds.sourceSizes).toEqual([
      { width: 6, height: 2 },
      { width: 3, height: 1 },
    ]);
    // Row 0: luma, then the 2×2 block means (6×2 → 3×1), then (x/255 − 0.449) / 0.226.
    const luma = (p: number): number =>
      0.299 * rgb[p * 3]! + 0.587 * rgb[p * 3 + 1]! + 0.114 * rgb[p * 3 + 2]!;
    for (let x = 0; x < 3; x++) {
      const mean = (luma(2 * x) + luma(2 * x + 1) + luma(6 + 2 * x) + luma(6 + 2 * x + 1)) / 4;
      expect(ds.features[x]).toBeCloseTo((mean / 255 - 0.449) / 0.226, 4);
    }
    expect(ds.preprocessing).toContain(
      'RGB converted to gray with ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B) (2 of 2 images)',
    );
    expect(ds.preprocessing).toContain('alpha dropped (1 of 2 images)');
    expect(ds.preprocessing).toContain('then pixels/255, then (x − 0.449) / 0.226');
  });

  it('a gray JPEG: replicated when read as RGB, taken as it is when read as gray', async () => {
    const dir = await folder({ 'dark/1.jpg': grayJpeg([40], 1), 'light/1.jpg': grayJpeg([220], 1) });
    const rgb = await readImageFolder(dir, { height: 8, width: 8, channels: 3 });
    expect(rgb.preprocessing).toContain('gray replicated into R, G and B (2 of 2 images)');
    expect(Math.max(...rgb.features.subarray(0, 192).map((v) => Math.abs(v - 40 / 255)))).toBeLessThan(
      1.5 / 255,
    );
    const gray = await readImageFolder(dir, { height: 8, width: 8, channels: 1 });
    expect(gray.preprocessing).not.toContain('converted');
    expect(Math.abs(gray.features[64]! - 220 / 255)).toBeLessThan(1.5 / 255);
  });

  it("fit 'exact' accepts images of the exact size", async () => {
    const dir = await folder({ 'a/1.png': gray4(0), 'b/1.png': gray4(1) });
    expect((await readImageFolder(dir, { ...OPTS, fit: 'exact' })).shape).toEqual([2, 4, 4, 1]);
  });
});
