import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadMnist, type Dataset } from '@openbox/datasets';
import { digestOf, initBackend } from '@openbox/runtime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  discardReferenceCnnCache,
  inspectReferenceCnnCache,
  type ReferenceCnnCacheState,
} from './reference-cnn-cache.js';
import { loadReferenceCnn, referenceCnnDir } from './reference-cnn.js';

/** The real cache that the global setup trained (or loaded and verified); each test damages its own copy. */
const SOURCE = referenceCnnDir();
let root: string;
let test: Dataset;
let serial = 0;
let weightsBytes = 0;

beforeAll(async () => {
  await initBackend();
  root = mkdtempSync(join(tmpdir(), 'openbox-cnn-cache-'));
  test = loadMnist({ seed: 0 }).test;
  weightsBytes = readFileSync(join(SOURCE, 'weights.bin')).length;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function copyOfCache(): string {
  const dir = join(root, `cache-${serial++}`);
  cpSync(SOURCE, dir, { recursive: true });
  return dir;
}
const readMeta = (dir: string) => JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
const editMeta = (dir: string, edit: (meta: Record<string, unknown>) => void): void => {
  const meta = readMeta(dir);
  edit(meta);
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
};
const asLegacy = (dir: string) => editMeta(dir, (meta) => delete meta['files']);
const inspect = (dir: string, seed = 0, epochs = 10) =>
  inspectReferenceCnnCache(dir, seed, epochs, () => test);
const replace = (dir: string, file: string, make: (path: string) => void) => {
  rmSync(join(dir, file));
  make(join(dir, file));
};
function truncateWeights(dir: string): void {
  writeFileSync(join(dir, 'weights.bin'), readFileSync(join(dir, 'weights.bin')).subarray(0, 1000));
}
function nanInConv1(dir: string): void {
  const bytes = readFileSync(join(dir, 'weights.bin'));
  bytes.writeFloatLE(Number.NaN, 40);
  writeFileSync(join(dir, 'weights.bin'), bytes);
}

/** Each damage and a phrase of the one-line reason (`<dir>` is the cache folder). */
const DAMAGES: readonly (readonly [string, (dir: string) => void, string])[] = [
  ['truncated weights', truncateWeights, 'weights.bin holds 1000 bytes; meta.json records <bytes>'],
  [
    'extra bytes after the weights',
    (dir) => writeFileSync(join(dir, 'weights.bin'), Buffer.alloc(4), { flag: 'a' }),
    'weights.bin holds more than the <bytes> bytes meta.json records',
  ],
  [
    'a changed weight (same size)',
    nanInConv1,
    'weights.bin does not match the SHA-256 recorded in meta.json',
  ],
  [
    'weights.bin replaced by a FIFO',
    (dir) => replace(dir, 'weights.bin', (p) => execFileSync('mkfifo', [p])),
    'weights.bin is a named pipe (FIFO), not a regular file',
  ],
  [
    'weights.bin linked to /dev/zero',
    (dir) => replace(dir, 'weights.bin', (p) => symlinkSync('/dev/zero', p)),
    'weights.bin is a character device, not a regular file',
  ],
  ['model.json missing', (dir) => rmSync(join(dir, 'model.json')), 'model.json is missing'],
  ['meta.json missing', (dir) => rmSync(join(dir, 'meta.json')), 'meta.json is missing'],
  [
    'a corrupt meta.json',
    (dir) => writeFileSync(join(dir, 'meta.json'), '{"version": 1, "seed": 0,\u001b[2J'),
    'meta.json "<dir>/meta.json" is not valid JSON',
  ],
  [
    'meta.json replaced by a FIFO',
    (dir) => replace(dir, 'meta.json', (p) => execFileSync('mkfifo', [p])),
    'meta.json "<dir>/meta.json" is a named pipe (FIFO), not a regular file',
  ],
  [
    'a malformed files record',
    (dir) => editMeta(dir, (meta) => (meta['files'] = { 'weights.bin': { bytes: 'many' } })),
    "meta.json's files record is malformed or lacks model.json and weights.bin",
  ],
  [
    'a testAccuracy that is not a number',
    (dir) => editMeta(dir, (meta) => (meta['testAccuracy'] = 'high')),
    `meta.json's testAccuracy is "high", not a number`,
  ],
  [
    'NaN weights in a cache from before checksums',
    (dir) => {
      asLegacy(dir);
      nanInConv1(dir);
    },
    `in "<dir>/model.json", conv1/kernel has 1 NaN or infinite values (of 400 in layer 'conv1')`,
  ],
  [
    'truncated weights in a cache from before checksums',
    (dir) => {
      asLegacy(dir);
      truncateWeights(dir);
    },
    'holds 1000 bytes, but the weightsManifest of "<dir>/model.json" needs <bytes>',
  ],
];

describe('inspectReferenceCnnCache', () => {
  it('finds an intact cache usable, with the files record that matches its bytes', async () => {
    const dir = copyOfCache();
    const state = await inspect(dir);
    expect(state.kind).toBe('hit');
    const { model, meta } = state as Extract<ReferenceCnnCacheState, { kind: 'hit' }>;
    expect(meta.files['weights.bin']).toEqual(digestOf(readFileSync(join(dir, 'weights.bin'))));
    expect(meta.files['model.json']).toEqual(digestOf(readFileSync(join(dir, 'model.json'))));
    expect(meta.testAccuracy).toBeGreaterThanOrEqual(0.98);
    model.dispose();
  });

  it('adopts a cache from before checksums that loads and re-measures: meta.json gains its files record', async () => {
    const dir = copyOfCache();
    asLegacy(dir);
    const state = await inspect(dir);
    expect(state.kind).toBe('hit');
    if (state.kind === 'hit') state.model.dispose();
    expect(readMeta(dir).files).toEqual({
      'model.json': digestOf(readFileSync(join(dir, 'model.json'))),
      'weights.bin': digestOf(readFileSync(join(dir, 'weights.bin'))),
    });
    const again = await inspect(dir);
    expect(again.kind).toBe('hit');
    if (again.kind === 'hit') again.model.dispose();
  });

  it.each(DAMAGES)(
    'reports %s as damaged, naming the file, fast and leaking nothing',
    async (_, damage, phrase) => {
      const dir = copyOfCache();
      damage(dir);
      const tensors = tf.memory().numTensors;
      const started = performance.now();
      const state = await inspect(dir);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(state.kind).toBe('damaged');
      const reason = (state as { reason: string }).reason;
      expect(reason).toContain(phrase.replaceAll('<dir>', dir).replaceAll('<bytes>', String(weightsBytes)));
      expect(reason).not.toMatch(/[\n\r\u001b]/);
    },
  );

  it.each([
    [1, 10, 'trained with seed 0, 10 epochs'],
    [0, 3, 'trained with seed 0, 10 epochs'],
  ])('calls a cache for seed %i, %i epochs stale: %s', async (seed, epochs, reason) => {
    expect(await inspect(copyOfCache(), seed, epochs)).toEqual({ kind: 'stale', reason });
  });

  it('calls a cache of another recipe stale, and one whose stored accuracy is outside its recipe band', async () => {
    expect(await inspectReferenceCnnCache(copyOfCache(), 0, 10, () => test, 'frozen-first-layer')).toEqual({
      kind: 'stale',
      reason: `trained with recipe "standard", not 'frozen-first-layer'`,
    });
    const shuffled = copyOfCache();
    editMeta(shuffled, (meta) => (meta['recipe'] = 'shuffled-labels'));
    expect(await inspect(shuffled)).toEqual({
      kind: 'stale',
      reason: `trained with recipe "shuffled-labels", not 'standard'`,
    });
    // The reference's own accuracy (≈ 0.99) is far outside the shuffled-labels band [0, 0.2].
    const accuracy = readMeta(shuffled)['testAccuracy'];
    expect(await inspectReferenceCnnCache(shuffled, 0, 10, () => test, 'shuffled-labels')).toEqual({
      kind: 'stale',
      reason: `stored accuracy ${accuracy}`,
    });
  });

  it('calls an older version stale', async () => {
    const dir = copyOfCache();
    editMeta(dir, (meta) => (meta['version'] = 0));
    expect(await inspect(dir)).toEqual({ kind: 'stale', reason: 'version 0 != 1' });
  });

  it('calls an empty or absent folder missing', async () => {
    expect(await inspect(mkdtempSync(join(root, 'empty-')))).toEqual({ kind: 'missing' });
    expect(await inspect(join(root, 'never-made'))).toEqual({ kind: 'missing' });
  });
});

describe('discardReferenceCnnCache', () => {
  it('removes meta.json and the model files, and nothing else', async () => {
    const dir = copyOfCache();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await discardReferenceCnnCache(dir);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});

describe('loadReferenceCnn on a damaged cache', () => {
  it('warns in one line on stderr, removes the cache and retrains (1 epoch: ~10 s, then refuses the low accuracy)', async () => {
    const cacheDir = mkdtempSync(join(root, 'root-'));
    const dir = referenceCnnDir(cacheDir);
    cpSync(SOURCE, dir, { recursive: true });
    editMeta(dir, (meta) => (meta['epochs'] = 1));
    truncateWeights(dir);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(loadReferenceCnn({ cacheDir, epochs: 1 })).rejects.toThrow(
        /^loadReferenceCnn: the trained reference CNN reached test accuracy 0\.9\d+, below the required 0\.98\.$/,
      );
      expect(warn.mock.calls).toEqual([
        [
          `loadReferenceCnn: the cached reference CNN at ${dir} is damaged (weights.bin holds 1000 bytes; meta.json records ${weightsBytes}); retraining.`,
        ],
      ]);
    } finally {
      warn.mockRestore();
    }
    for (const file of ['meta.json', 'model.json', 'weights.bin'])
      expect(existsSync(join(dir, file))).toBe(false);
  });
});
