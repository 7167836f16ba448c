import { mkdir, mkdtemp, realpath, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createResolveCache } from './resolve-cache.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createResolveCache', () => {
  let root: string;
  beforeEach(async () => {
    root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'openbox-resolve-')));
    await mkdir(path.join(root, 'run'));
    await writeFile(path.join(root, 'run', 'a.json'), '{}');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('keeps a found path for ttlMs, then resolves it again', async () => {
    const paths = createResolveCache(root, 100);
    expect(await paths.resolve('run', 'a.json')).toBe(path.join(root, 'run', 'a.json'));
    await rename(path.join(root, 'run', 'a.json'), path.join(root, 'run', 'b.json'));
    expect(await paths.resolve('run', 'a.json')).toBe(path.join(root, 'run', 'a.json')); // remembered
    await sleep(150);
    expect(await paths.resolve('run', 'a.json')).toBeUndefined();
  });

  it('never remembers a missing path: a file that appears is found at once', async () => {
    const paths = createResolveCache(root, 60_000);
    expect(await paths.resolve('run', 'late.json')).toBeUndefined();
    await writeFile(path.join(root, 'run', 'late.json'), '{}');
    expect(await paths.resolve('run', 'late.json')).toBe(path.join(root, 'run', 'late.json'));
  });

  it.each([['..', 'x'], ['run', '../a.json'], ['/etc/passwd']])(
    'refuses %j as resolveInside does',
    async (...s) => {
      expect(await createResolveCache(root).resolve(...s)).toBeUndefined();
    },
  );

  it('holds at most maxEntries paths', async () => {
    for (const n of ['b', 'c', 'd']) await writeFile(path.join(root, 'run', `${n}.json`), '{}');
    const paths = createResolveCache(root, 60_000, 2);
    for (const n of ['a', 'b', 'c']) await paths.resolve('run', `${n}.json`);
    await rm(path.join(root, 'run', 'a.json'));
    await rm(path.join(root, 'run', 'c.json'));
    expect(await paths.resolve('run', 'a.json')).toBeUndefined(); // evicted: resolved again
    expect(await paths.resolve('run', 'c.json')).toBe(path.join(root, 'run', 'c.json')); // still remembered
  });
});
