import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CommandError } from '../errors.js';
import { IMAGES_MAX_BYTES, parseImages, readImagesFile } from './read-images.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-read-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const source = { option: 'inputs', file: 'x.json' };

describe('parseImages', () => {
  it('copies [image][row][column][channel] into row-major NHWC order', () => {
    const rgb = [
      [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
      ],
      [
        [
          [7, 8, 9],
          [10, 11, 12],
        ],
      ],
    ];
    const images = parseImages(rgb, [1, 2, 3], source);
    expect(images.shape).toEqual([2, 1, 2, 3]);
    expect(Array.from(images.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('reads one image as a batch of one only where `single` allows it (--baseline FILE)', () => {
    const image = [[[0.5], [0.25]]];
    expect(parseImages(image, [1, 2, 1], { ...source, single: true }).shape).toEqual([1, 1, 2, 1]);
    expect(() => parseImages(image, [1, 2, 1], source)).toThrow(
      "--inputs 'x.json': inputs[0] must be an array of 1, got 2 entries (the model takes images of 1×2×1).",
    );
  });

  it.each<[string, unknown, string]>([
    [
      'an empty array',
      [],
      "--inputs 'x.json' must hold a non-empty JSON array of images [height][width][channels] (1×2×1 for this model).",
    ],
    [
      'a column too few',
      [[[[1]]]],
      "--inputs 'x.json': inputs[0][0] must be an array of 2, got 1 entries (the model takes images of 1×2×1).",
    ],
    [
      'a number for a pixel',
      [[[1, [2]]]],
      "--inputs 'x.json': inputs[0][0][0] must be an array of 1, got something else (the model takes images of 1×2×1).",
    ],
    [
      'a string value',
      [[[['1'], [2]]]],
      `--inputs 'x.json': inputs[0][0][0][0] must be a finite number, got "1".`,
    ],
    [
      'null (what JSON.stringify writes for NaN)',
      [[[[1], [null]]]],
      "--inputs 'x.json': inputs[0][0][1][0] must be a finite number, got null.",
    ],
  ])('%s: a CommandError naming the file and the index', (_, json, message) => {
    expect(() => parseImages(json, [1, 2, 1], source)).toThrow(new CommandError('bad-input-file', message));
  });
});

describe('readImagesFile', () => {
  it('reads through the capped reader: a file over the limit is refused before it is parsed', async () => {
    const path = join(dir, 'big.json');
    writeFileSync(path, Buffer.alloc(IMAGES_MAX_BYTES + 1, 0x20));
    await expect(readImagesFile(path, [1, 1, 1], { option: 'inputs', file: path })).rejects.toThrow(
      `--inputs: images file "${path}" is 64.0 MiB, over the limit of 64.0 MiB.`,
    );
  });

  it('a folder is not a file', async () => {
    await expect(readImagesFile(dir, [1, 1, 1], { option: 'baseline', file: dir })).rejects.toThrow(
      `--baseline: images file "${dir}" is a folder, not a regular file; only regular files are read.`,
    );
  });
});
