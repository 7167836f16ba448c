import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  digestOf,
  isCachedFiles,
  verifyCachedFiles,
  verifyCachedFilesSync,
  type CachedFiles,
} from './model-io-cache-files.js';

const WEIGHTS = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
const MODEL = '{"modelTopology": {}}';

let root: string;
let serial = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'openbox-cache-files-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh cache folder holding the two files, and the records of them. */
function freshCache(): { dir: string; files: CachedFiles } {
  const dir = join(root, `cache-${serial++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'weights.bin'), WEIGHTS);
  writeFileSync(join(dir, 'model.json'), MODEL);
  return { dir, files: { 'model.json': digestOf(MODEL), 'weights.bin': digestOf(WEIGHTS) } };
}

const replaceWeights = (dir: string, make: (path: string) => void): void => {
  rmSync(join(dir, 'weights.bin'));
  make(join(dir, 'weights.bin'));
};

/** Each damage, and the one-line reason it must give (naming the file). */
const DAMAGES: readonly (readonly [string, (dir: string) => void, string])[] = [
  [
    'truncated weights',
    (dir) => writeFileSync(join(dir, 'weights.bin'), WEIGHTS.subarray(0, 1000)),
    'weights.bin holds 1000 bytes; meta.json records 4096',
  ],
  [
    'extra bytes',
    (dir) => writeFileSync(join(dir, 'weights.bin'), Buffer.alloc(1), { flag: 'a' }),
    'weights.bin holds more than the 4096 bytes meta.json records',
  ],
  [
    'one flipped bit, same size',
    (dir) => {
      const bytes = readFileSync(join(dir, 'weights.bin'));
      bytes.writeUInt8(bytes.readUInt8(2000) ^ 1, 2000);
      writeFileSync(join(dir, 'weights.bin'), bytes);
    },
    'weights.bin does not match the SHA-256 recorded in meta.json',
  ],
  ['a missing file', (dir) => rmSync(join(dir, 'model.json')), 'model.json is missing'],
  [
    'a FIFO',
    (dir) => replaceWeights(dir, (p) => execFileSync('mkfifo', [p])),
    'weights.bin is a named pipe (FIFO), not a regular file',
  ],
  [
    'a link to /dev/zero',
    (dir) => replaceWeights(dir, (p) => symlinkSync('/dev/zero', p)),
    'weights.bin is a character device, not a regular file',
  ],
  [
    'a folder',
    (dir) => replaceWeights(dir, (p) => mkdirSync(p)),
    'weights.bin is a folder, not a regular file',
  ],
];

describe.each([
  ['verifyCachedFiles', verifyCachedFiles],
  ['verifyCachedFilesSync', async (dir: string, files: CachedFiles) => verifyCachedFilesSync(dir, files)],
] as const)('%s', (_, verify) => {
  it('accepts an intact cache', async () => {
    const { dir, files } = freshCache();
    expect(await verify(dir, files)).toBeUndefined();
  });

  it.each(DAMAGES)('reports %s in one line naming the file, fast', async (_name, damage, reason) => {
    const { dir, files } = freshCache();
    damage(dir);
    const started = performance.now();
    expect(await verify(dir, files)).toBe(reason);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it.each([['../outside.bin'], ['sub/weights.bin'], ['..'], ['']])(
    'refuses the recorded name %j without reading it',
    async (name) => {
      const { dir } = freshCache();
      expect(await verify(dir, { [name]: digestOf('') })).toBe(
        `meta.json lists "${name}", which is not a plain file name inside the cache folder`,
      );
    },
  );
});

describe('digestOf / isCachedFiles', () => {
  it('measures strings as UTF-8', () => {
    expect(digestOf('é')).toEqual({
      bytes: 2,
      sha256: '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c',
    });
    expect(digestOf(new Uint8Array([0xc3, 0xa9]))).toEqual(digestOf('é'));
    expect(digestOf('abc').sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each([
    [{ 'weights.bin': digestOf('x') }, true],
    [{}, true],
    [null, false],
    [[], false],
    [{ 'weights.bin': { bytes: -1, sha256: digestOf('x').sha256 } }, false],
    [{ 'weights.bin': { bytes: 1.5, sha256: digestOf('x').sha256 } }, false],
    [{ 'weights.bin': { bytes: 1, sha256: 'abc' } }, false],
    [{ '../w.bin': digestOf('x') }, false],
  ])('%j → %s', (value, expected) => expect(isCachedFiles(value)).toBe(expected));
});
