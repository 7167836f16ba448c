import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { readImageFolder } from './read-image-folder.js';
import { jpg, pattern, png } from './test-images.js';

const root = await mkdtemp(path.join(tmpdir(), 'read-image-folder-'));
afterAll(() => rm(root, { recursive: true, force: true }));

/** Writes `files` (relative path → bytes, or 'dir' for an empty folder) into a new folder; returns its path. */
let made = 0;
async function folder(files: Record<string, Uint8Array | string | 'dir'>): Promise<string> {
  const dir = path.join(root, `f${made++}`);
  await mkdir(dir);
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    if (content === 'dir') await mkdir(full, { recursive: true });
    else {
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content);
    }
  }
  return dir;
}

const gray4 = (seed: number): Uint8Array =>
  png(
    pattern(4, 4, 1).map((v) => (v + seed) % 256),
    4,
    4,
    1,
  );
const OPTS = { height: 4, width: 4, channels: 1 } as const;

async function rejection(promise: Promise<unknown>): Promise<DatasetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

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

  it("fit 'exact' accepts images of the exact size", async () => {
    const dir = await folder({ 'a/1.png': gray4(0), 'b/1.png': gray4(1) });
    expect((await readImageFolder(dir, { ...OPTS, fit: 'exact' })).shape).toEqual([2, 4, 4, 1]);
  });
});

describe('readImageFolder: bad folders and files', () => {
  const good = { 'a/1.png': gray4(0), 'b/1.png': gray4(1) };
  const pngBytes = gray4(0);
  const jpegBytes = jpg(pattern(8, 8, 3), 8, 8);
  type Case = [string, () => Promise<string>, object, string, (dir: string) => string];
  const cases: Case[] = [
    [
      'missing folder',
      async () => path.join(root, 'nope'),
      OPTS,
      'missing-file',
      (d) => `readImageFolder: image folder "${d}" does not exist`,
    ],
    [
      'a file, not a folder',
      async () => path.join(await folder({ 'x.png': pngBytes }), 'x.png'),
      OPTS,
      'not-a-folder',
      (d) =>
        `readImageFolder: "${d}" is not a folder; pass a folder with one sub-folder of images per class (e.g. cat/, dog/)`,
    ],
    [
      'no class folder',
      () => folder({ 'README.md': 'x' }),
      OPTS,
      'no-classes',
      (d) =>
        `readImageFolder: "${d}" has no class folders; an image folder has one sub-folder per class, named after it (e.g. cat/1.png, dog/1.png)`,
    ],
    [
      'one class',
      () => folder({ 'cat/1.png': pngBytes }),
      OPTS,
      'one-class',
      (d) =>
        `readImageFolder: one class: "${d}" has the single class folder "cat"; a classifier's image folder needs at least two class folders`,
    ],
    [
      'an empty class',
      () => folder({ 'a/1.png': pngBytes, b: 'dir' }),
      OPTS,
      'empty-class',
      (d) =>
        `readImageFolder: class folder "${d}/b" has no images (.png, .jpg and .jpeg (any case)); add images or remove the folder`,
    ],
    [
      'an image at the top level',
      () => folder({ ...good, 'c.png': pngBytes }),
      OPTS,
      'unexpected-file',
      (d) =>
        `readImageFolder: "${d}/c.png" is an image at the top level of the image folder; put each image in a sub-folder named after its class`,
    ],
    [
      'a .txt in a class',
      () => folder({ ...good, 'a/notes.txt': 'hi' }),
      OPTS,
      'unexpected-file',
      (d) =>
        `readImageFolder: "${d}/a/notes.txt" is not an image file: the allowed extensions are .png, .jpg and .jpeg (any case); remove it or move it out of the image folder`,
    ],
    [
      'a GIF named .png (wrong magic)',
      () => folder({ ...good, 'b/2.png': 'GIF89a..' }),
      OPTS,
      'unsupported-image',
      (d) =>
        `readImageFolder: "${d}/b/2.png" is a GIF image, not a PNG or JPEG: its first bytes are 47 49 46 38 39 61 2E 2E ("GIF89a.."); supported are PNG (starting 89 50 4E 47 0D 0A 1A 0A) and JPEG (starting FF D8 FF), told apart by these bytes whatever the file name says; convert it to PNG`,
    ],
    [
      'a truncated PNG',
      () => folder({ ...good, 'b/2.png': pngBytes.subarray(0, pngBytes.length - 12) }),
      OPTS,
      'corrupt-image',
      (d) =>
        `readImageFolder: "${d}/b/2.png" is a truncated PNG: it ends before its IEND chunk, so the file was cut short (an interrupted copy or download?); re-export the image or remove it`,
    ],
    [
      'a truncated JPEG',
      () => folder({ ...good, 'b/2.jpg': jpegBytes.subarray(0, jpegBytes.length - 40) }),
      OPTS,
      'corrupt-image',
      (d) =>
        `readImageFolder: "${d}/b/2.jpg" is a truncated JPEG: it has no end-of-image marker (FF D9), so the file was cut short (an interrupted copy or download?); re-export the image or remove it`,
    ],
    [
      "fit 'exact' with another size",
      () => folder({ ...good, 'b/2.jpg': jpegBytes }),
      { ...OPTS, fit: 'exact' },
      'image-size-mismatch',
      (d) =>
        `readImageFolder: "${d}/b/2.jpg" is 8×8 pixels (width × height) but 4×4 was expected (options.fit 'exact'); resize it, or pass fit 'resize' to resize every image to 4×4`,
    ],
    [
      'a symbolic link to an image',
      async () => {
        const d = await folder(good);
        await symlink(path.join(d, 'a/1.png'), path.join(d, 'b/link.png'));
        return d;
      },
      OPTS,
      'not-a-regular-file',
      (d) =>
        `readImageFolder: "${d}/b/link.png" is a symbolic link; image folders are read without following links; copy the file or folder in instead`,
    ],
    [
      'a symbolic link to a class folder',
      async () => {
        const d = await folder(good);
        await symlink(path.join(d, 'a'), path.join(d, 'c'));
        return d;
      },
      OPTS,
      'not-a-regular-file',
      (d) =>
        `readImageFolder: "${d}/c" is a symbolic link; image folders are read without following links; copy the file or folder in instead`,
    ],
    [
      'a FIFO named .png',
      async () => {
        const d = await folder(good);
        execFileSync('mkfifo', [path.join(d, 'b/pipe.png')]);
        return d;
      },
      OPTS,
      'not-a-regular-file',
      (d) =>
        `readImageFolder: "${d}/b/pipe.png" is a FIFO (named pipe), not a regular file or folder; only regular files are read`,
    ],
    [
      'too many images',
      () => folder({ ...good, 'b/2.png': pngBytes }),
      { ...OPTS, maxImages: 2 },
      'too-many-images',
      (d) =>
        `readImageFolder: "${d}" has more than 2 images (options.maxImages); raise it, or read a smaller folder`,
    ],
    [
      'an image over maxFileBytes',
      () => folder(good),
      { ...OPTS, maxFileBytes: 10 },
      'file-too-large',
      (d) =>
        `readImageFolder: image "${d}/a/1.png" is ${pngBytes.length} bytes, over the limit of 10 bytes; raise options.maxFileBytes if you mean it.`,
    ],
    [
      'bad channels',
      () => folder(good),
      { ...OPTS, channels: 4 },
      'invalid-argument',
      () => 'readImageFolder: options.channels must be 1 or 3, got 4',
    ],
    [
      'bad height',
      () => folder(good),
      { ...OPTS, height: 0 },
      'invalid-argument',
      () => 'readImageFolder: options.height must be an integer in [1, 4096], got 0',
    ],
    [
      'bad scale',
      () => folder(good),
      { ...OPTS, scale: '0-255' },
      'invalid-argument',
      () => `readImageFolder: options.scale must be one of '0-1', '-1-1', 'imagenet', got "0-255"`,
    ],
    [
      'bad fit',
      () => folder(good),
      { ...OPTS, fit: 'crop' },
      'invalid-argument',
      () => `readImageFolder: options.fit must be 'resize' or 'exact', got "crop"`,
    ],
  ];
  it.each(cases)('%s', async (_, make, options, code, message) => {
    const dir = await make();
    const error = await rejection(readImageFolder(dir, options as typeof OPTS));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message(dir));
  });
});
