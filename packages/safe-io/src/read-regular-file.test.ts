import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openRegularFile,
  readRegularFile,
  readRegularFileSync,
  SafeIoError,
  type SafeIoErrorCode,
} from './index.js';
import { chunkLength } from './open-regular-file.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'safe-io-read-'));
  writeFileSync(join(dir, 'ok.txt'), 'hello\n');
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'big.bin'), Buffer.alloc(3 * 1024 * 1024 + 5, 7));
  mkdirSync(join(dir, 'folder'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  symlinkSync('/dev/zero', join(dir, 'link-to-zero'));
  symlinkSync(join(dir, 'fifo'), join(dir, 'link-to-fifo'));
  symlinkSync(join(dir, 'ok.txt'), join(dir, 'link-to-ok'));
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (name: string): string => (name.startsWith('/') ? name : join(dir, name));

/** Each bad path, the code it must give and a phrase of its message; every one must fail fast (no hang). */
const BAD: readonly (readonly [string, SafeIoErrorCode, string])[] = [
  ['/dev/zero', 'not-a-regular-file', 'is a character device, not a regular file'],
  ['/dev/urandom', 'not-a-regular-file', 'is a character device'],
  ['/dev/null', 'not-a-regular-file', 'is a character device'],
  ['fifo', 'not-a-regular-file', 'is a named pipe (FIFO)'],
  ['link-to-zero', 'not-a-regular-file', 'is a character device'],
  ['link-to-fifo', 'not-a-regular-file', 'is a named pipe (FIFO)'],
  ['folder', 'not-a-regular-file', 'is a folder'],
  ['missing.txt', 'missing-file', 'does not exist'],
  ['dangling', 'missing-file', 'does not exist'],
  ['ok.txt/child', 'read-failed', 'a part of the path is not a folder (ENOTDIR)'],
  ['big.bin', 'too-large', 'is 3.0 MiB, over the limit of 1.0 MiB; raise it with --max-bytes'],
];

type Reader = (path: string) => Promise<unknown>;
describe.each<[string, Reader]>([
  ['readRegularFile', (p) => readRegularFile(p, OPTIONS)],
  ['readRegularFileSync', async (p) => readRegularFileSync(p, OPTIONS)],
  ['openRegularFile', (p) => openRegularFile(p, OPTIONS)],
])('%s', (fn, read) => {
  it.each(BAD)('refuses %s with %s, naming the file, in well under a second', async (name, code, phrase) => {
    const started = performance.now();
    const error = await Promise.resolve()
      .then(() => read(at(name)))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(SafeIoError);
    expect((error as SafeIoError).code).toBe(code);
    expect((error as SafeIoError).message).toMatch(new RegExp(`^${fn}: `));
    expect((error as SafeIoError).message).toContain(`test file "${at(name)}"`);
    expect((error as SafeIoError).message).toContain(phrase);
    expect((error as SafeIoError).file).toBe(at(name));
  });

  it('reads a regular file, an empty one and a link to a regular file', async () => {
    if (fn === 'openRegularFile') return; // its content is checked below
    expect(((await read(at('ok.txt'))) as Buffer).toString()).toBe('hello\n');
    expect(((await read(at('empty.txt'))) as Buffer).length).toBe(0);
    expect(((await read(at('link-to-ok'))) as Buffer).toString()).toBe('hello\n');
  });
});

const OPTIONS = { maxBytes: 1024 * 1024, what: 'test file', hint: 'raise it with --max-bytes' } as const;

describe('openRegularFile', () => {
  it('streams every byte in order, in chunks of at most 1 MiB, and reports the size', async () => {
    const { size, chunks } = await openRegularFile(at('big.bin'), { maxBytes: 4 * 1024 * 1024 });
    expect(size).toBe(3 * 1024 * 1024 + 5);
    const lengths: number[] = [];
    let sevens = 0;
    for await (const chunk of chunks) {
      lengths.push(chunk.length);
      for (const b of chunk) if (b === 7) sevens++;
    }
    expect(lengths).toEqual([1 << 20, 1 << 20, 1 << 20, 5]);
    expect(sevens).toBe(size);
  });

  it('accepts a file exactly at the cap and refuses one byte over', async () => {
    expect((await readRegularFile(at('ok.txt'), { maxBytes: 6 })).length).toBe(6);
    expect(readRegularFileSync(at('ok.txt'), { maxBytes: 6 }).length).toBe(6);
    await expect(readRegularFile(at('ok.txt'), { maxBytes: 5 })).rejects.toMatchObject({ code: 'too-large' });
    expect(() => readRegularFileSync(at('ok.txt'), { maxBytes: 5 })).toThrow(
      /is 6 bytes, over the limit of 5 bytes/,
    );
  });

  it.each([
    [{ maxBytes: -1 }, 'options.maxBytes must be an integer >= 0, got -1'],
    [{ maxBytes: 1.5 }, 'options.maxBytes must be an integer >= 0, got 1.5'],
    [{ maxBytes: 10, timeoutMs: 0 }, 'options.timeoutMs must be a positive number, got 0'],
  ])('rejects bad options %j', async (options, message) => {
    await expect(openRegularFile(at('ok.txt'), options)).rejects.toThrow(`openRegularFile: ${message}.`);
  });

  it.each([[''], ['a\0b']])('rejects the path %j', async (path) => {
    await expect(readRegularFile(path, { maxBytes: 1 })).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});

describe('chunkLength', () => {
  it.each([
    // size, read so far, cap → next request
    [2_000, 0, 1 << 30, 4096],
    [100_000, 0, 1 << 30, 100_001],
    [5 << 20, 0, 1 << 30, 1 << 20],
    [5 << 20, (5 << 20) - 10, 1 << 30, 4096],
    [100_000, 0, 50, 51],
    [0, 0, 1 << 30, 4096],
  ])('size %d, read %d, cap %d → %d bytes', (size, total, cap, expected) => {
    expect(chunkLength(size, total, cap)).toBe(expected);
  });
});
