import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePatternImages, writeImageFolder } from '@openbox/datasets';
import { ModelAdapter, initBackend } from '@openbox/runtime';
import { CommandError } from './errors.js';
import { loadImagesForModel } from './images-option.js';

const dir = mkdtempSync(join(tmpdir(), 'openbox-images-option-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A conv net taking `[size, size, channels]` images (the folder reader only reads its input shape). */
function model(size: number, channels: number): ModelAdapter {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [size, size, channels], filters: 2, kernelSize: 3, name: 'c1' }));
  m.add(tfl.layers.flatten());
  m.add(tfl.layers.dense({ units: 2, name: 'out' }));
  return new ModelAdapter(m);
}

beforeAll(async () => {
  await initBackend();
  await writeImageFolder(join(dir, 'rgb'), makePatternImages({ n: 6, size: 8, seed: 1, channels: 3 }));
  const files = await writeImageFolder(join(dir, 'broken'), makePatternImages({ n: 4, size: 8, seed: 2 }));
  truncateSync(join(dir, 'broken', files[1]!), 30);
  await writeImageFolder(join(dir, 'one-class'), {
    ...makePatternImages({ n: 2, size: 8, seed: 3 }),
    target: Int32Array.of(0, 0),
  });
  writeFileSync(join(dir, 'not-a-folder'), 'x');
});

describe('loadImagesForModel', () => {
  it("reads the folder at the model's input size, channels and scale, with file names and classes", async () => {
    const data = await loadImagesForModel(
      { images: join(dir, 'rgb'), scale: '-1-1', fit: 'resize' },
      model(16, 3),
      'openbox test',
    );
    expect(data.shape).toEqual([6, 16, 16, 3]);
    expect(data.classNames).toEqual(['horizontal', 'vertical']);
    expect(data.files).toHaveLength(6);
    expect(data.files.every((f) => /^(horizontal|vertical)\/\d\.png$/.test(f))).toBe(true);
    expect(Math.min(...data.features)).toBeGreaterThanOrEqual(-1);
    expect(Math.min(...data.features)).toBeLessThan(0); // -1-1: dark noise maps below 0
    expect(data.preprocessing).toMatch(/127\.5/);
  });

  it('grey model: RGB files are converted to one channel', async () => {
    const data = await loadImagesForModel(
      { images: join(dir, 'rgb'), scale: '0-1', fit: 'resize' },
      model(8, 1),
      'openbox test',
    );
    expect(data.shape).toEqual([6, 8, 8, 1]);
  });

  it.each([
    [
      'a truncated PNG names the file',
      'broken',
      'resize',
      8,
      1,
      /^--images: .*broken\/(horizontal|vertical)\/\d\.png.* truncated PNG/,
    ],
    ['one class folder', 'one-class', 'resize', 8, 1, /^--images: .*one-class/],
    ['a file instead of a folder', 'not-a-folder', 'resize', 8, 1, /^--images: .*not-a-folder/],
    ['--fit exact and another size', 'rgb', 'exact', 16, 3, /^--images: .*8×8.*16×16/],
  ] as const)('%s: CommandError bad-input-file', async (_, folder, fit, size, channels, message) => {
    const error = await loadImagesForModel(
      { images: join(dir, folder), scale: '0-1', fit },
      model(size, channels),
      'openbox test',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).code).toBe('bad-input-file');
    expect((error as CommandError).message).toMatch(message);
  });

  it('a model that takes 4 channels cannot be fed images', async () => {
    await expect(
      loadImagesForModel(
        { images: join(dir, 'rgb'), scale: '0-1', fit: 'resize' },
        model(8, 4),
        'openbox test',
      ),
    ).rejects.toThrow(
      new CommandError(
        'bad-input-file',
        'openbox test --images feeds models that take 1 (grey) or 3 (RGB) channels; this model takes 4.',
      ),
    );
  });
});
