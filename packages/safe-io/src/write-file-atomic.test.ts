import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SafeIoError,
  writeFileAtomic,
  writeFileAtomicSync,
  writeJsonAtomic,
  writeJsonAtomicSync,
} from './index.js';

let dir: string;
let small: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'safe-io-write-'));
  // A 64 KiB tmpfs: a real "disk full" (the tests run as root, as CI does).
  small = join(dir, 'small-disk');
  mkdirSync(small);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small]);
});
afterAll(() => {
  execFileSync('umount', [small]);
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['writeFileAtomic', writeFileAtomic],
  ['writeFileAtomicSync', async (p: string, d: string | Uint8Array) => writeFileAtomicSync(p, d)],
] as const)('%s', (fn, write) => {
  it('writes new content, replaces old content, and leaves no temp file', async () => {
    const target = join(dir, `${fn}.txt`);
    await write(target, 'first');
    await write(target, new Uint8Array([104, 105]));
    expect(readFileSync(target, 'utf8')).toBe('hi');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('on a full disk throws disk-full naming the file, keeps the old content and leaves no partial file', async () => {
    const target = join(small, `${fn}.bin`);
    await write(target, 'old');
    const error = await write(target, Buffer.alloc(200 * 1024, 1)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SafeIoError);
    expect((error as SafeIoError).code).toBe('disk-full');
    expect((error as SafeIoError).message).toBe(
      `${fn}: cannot write "${target}": no space left on the device (ENOSPC); the previous content, if any, is unchanged and no partial file was left.`,
    );
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(small).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('into a missing folder throws write-failed naming the file', async () => {
    const target = join(dir, 'no-such-folder', 'x.txt');
    await expect(write(target, 'x')).rejects.toThrow(
      `${fn}: cannot write "${target}": system error (ENOENT)`,
    );
  });

  it('over a folder throws write-failed and leaves the folder', async () => {
    const target = join(dir, `${fn}-folder`);
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'kept');
    await expect(write(target, 'x')).rejects.toMatchObject({ code: 'write-failed', file: target });
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('kept');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it.each([[''], ['a\0b']])('rejects the path %j', async (path) => {
    await expect(write(path, 'x')).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});

it('writeJsonAtomic and writeJsonAtomicSync write pretty JSON with a final newline', async () => {
  await writeJsonAtomic(join(dir, 'a.json'), { a: [1] });
  writeJsonAtomicSync(join(dir, 'b.json'), { a: [1] });
  expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a.json'), 'utf8'));
});

it('concurrent writers of one file never interleave: the result is one whole payload', async () => {
  const target = join(dir, 'race.txt');
  const payloads = Array.from({ length: 16 }, (_, i) => String.fromCharCode(97 + i).repeat(100_000));
  await Promise.all(payloads.map((p) => writeFileAtomic(target, p)));
  expect(payloads).toContain(readFileSync(target, 'utf8'));
});
