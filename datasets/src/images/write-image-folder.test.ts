import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { makePatternImages } from '../synthetic/make-pattern-images.js';
import { readImageFolder } from './read-image-folder.js';
import { writeImageFolder, type WriteImageFolderOptions } from './write-image-folder.js';

const root = await mkdtemp(path.join(tmpdir(), 'write-image-folder-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<DatasetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

/** Each row of `back` against its source row in `ds` (matched through the file names written): the largest |Δ|. */
function worstDifference(
  ds: { features: Float32Array; target: Int32Array },
  back: { features: Float32Array; target: Int32Array; files: readonly string[] },
  files: string[],
  size: number,
  quantize: boolean,
): number {
  let worst = 0;
  back.files.forEach((file, i) => {
    const src = files.indexOf(file);
    expect(back.target[i]).toBe(ds.target[src]);
    for (let j = 0; j < size; j++) {
      const v = ds.features[src * size + j]!;
      worst = Math.max(
        worst,
        Math.abs(back.features[i * size + j]! - (quantize ? Math.round(v * 255) / 255 : v)),
      );
    }
  });
  return worst;
}

describe('writeImageFolder', () => {
  it('the RGB 64×64 fixture others use: 40 PNGs, <class>/<row>.png with zero-padded rows, read back exactly', async () => {
    const ds = makePatternImages({ n: 40, size: 64, seed: 0, channels: 3 });
    const dir = path.join(root, 'rgb64', 'images'); // parent folders are created
    const files = await writeImageFolder(dir, ds);
    expect(files[0]).toBe(`${ds.classNames[ds.target[0]!]}/00.png`);
    expect((await readdir(dir)).sort()).toEqual(['horizontal', 'vertical']);
    const back = await readImageFolder(dir, { height: 64, width: 64, channels: 3 });
    expect(back.shape).toEqual([40, 64, 64, 3]);
    expect(worstDifference(ds, back, files, 64 * 64 * 3, true)).toBeLessThan(1e-6);
    expect((await readdir(path.dirname(dir))).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('JPEG: lossy, within 0.1 of the source per sample on these noisy bars at quality 95 (stated tolerance)', async () => {
    const ds = makePatternImages({ n: 6, size: 32, seed: 2, channels: 3 });
    const dir = path.join(root, 'jpeg');
    const files = await writeImageFolder(dir, ds, { format: 'jpeg', quality: 95 });
    expect(files.every((f) => f.endsWith('.jpg'))).toBe(true);
    const back = await readImageFolder(dir, { height: 32, width: 32, channels: 3 });
    const worst = worstDifference(ds, back, files, 32 * 32 * 3, false);
    expect(worst).toBeLessThan(0.1); // JPEG's 8×8 DCT smears the 1-pixel bars; measured about half of this
    expect(worst).toBeGreaterThan(0); // it is lossy
  });

  it('values are clamped to [0, 1] and rounded to the 1/255 step; NaN becomes 0', async () => {
    const ds = makePatternImages({ n: 2, size: 4, seed: 0 });
    const features = ds.features.slice();
    features.set([-1, 2, Number.NaN, 0.5], 0);
    const dir = path.join(root, 'clamp');
    const files = await writeImageFolder(dir, { ...ds, features });
    const back = await readImageFolder(dir, { height: 4, width: 4, channels: 1 });
    const row = back.files.indexOf(files[0]!);
    expect([...back.features.subarray(row * 16, row * 16 + 4)]).toEqual(
      [0, 1, 0, 128 / 255].map(Math.fround),
    );
  });

  it('refuses a non-empty destination and leaves it as it was', async () => {
    const dir = path.join(root, 'taken');
    await mkdir(dir);
    await writeFile(path.join(dir, 'keep.txt'), 'mine');
    const error = await rejection(writeImageFolder(dir, makePatternImages({ n: 2, size: 4, seed: 0 })));
    expect(error.code).toBe('folder-not-empty');
    expect(error.message).toBe(
      `writeImageFolder: "${dir}" exists and is not empty; an image folder is written whole into a new or empty folder; pick another path or remove it`,
    );
    expect(await readdir(dir)).toEqual(['keep.txt']);
  });

  it('writes into an existing empty folder', async () => {
    const dir = path.join(root, 'empty');
    await mkdir(dir);
    await writeImageFolder(dir, makePatternImages({ n: 2, size: 4, seed: 0 }));
    expect((await readdir(dir)).sort()).toEqual(['horizontal', 'vertical']);
  });

  it('a failure half-way leaves nothing behind: no folder, no temporary folder', async () => {
    const dir = path.join(root, 'half');
    const ds = makePatternImages({ n: 4, size: 4, seed: 0 });
    // A class folder name over the file system's 255-byte limit: the first class is written, the second fails.
    const error = await rejection(writeImageFolder(dir, { ...ds, classNames: ['ok', 'x'.repeat(300)] }));
    expect(error.code).toBe('write-failed');
    expect(error.message).toMatch(
      new RegExp(
        `^writeImageFolder: could not write the image folder "${dir}": .*; nothing was left behind$`,
      ),
    );
    expect((await readdir(root)).filter((f) => f.includes('half'))).toEqual([]);
  });

  it.each([
    [
      'a table, not images',
      { shape: [4, 16] },
      'shape-mismatch',
      'writeImageFolder: dataset.shape must be [n ≥ 1, height, width, 1 or 3], got [4, 16]',
    ],
    [
      '4 channels',
      { shape: [1, 4, 4, 4], features: new Float32Array(64) },
      'shape-mismatch',
      'writeImageFolder: dataset.shape must be [n ≥ 1, height, width, 1 or 3], got [1, 4, 4, 4]',
    ],
    [
      'a hidden class name',
      { classNames: ['.h', 'v'] },
      'invalid-argument',
      'writeImageFolder: dataset.classNames must be distinct folder names (no / \\ or NUL, not starting with ".", unique ignoring case), got ".h"',
    ],
    [
      'a class name with a slash',
      { classNames: ['a/b', 'v'] },
      'invalid-argument',
      'writeImageFolder: dataset.classNames must be distinct folder names (no / \\ or NUL, not starting with ".", unique ignoring case), got "a/b"',
    ],
    [
      'class names equal ignoring case',
      { classNames: ['Cat', 'cat'] },
      'invalid-argument',
      'writeImageFolder: dataset.classNames must be distinct folder names (no / \\ or NUL, not starting with ".", unique ignoring case), got "cat"',
    ],
    [
      'a bad quality',
      {},
      'invalid-argument',
      'writeImageFolder: options.quality must be an integer in [1, 100], got 0',
      { format: 'jpeg', quality: 0 },
    ],
  ] as const)('bad input: %s', async (_, patch, code, message, options: WriteImageFolderOptions = {}) => {
    const dir = path.join(root, 'bad');
    const ds = { ...makePatternImages({ n: 2, size: 4, seed: 0 }), ...patch };
    const error = await rejection(writeImageFolder(dir, ds, options));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect((await readdir(root)).includes('bad')).toBe(false);
  });
});
