import { mkdir, mkdtemp, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFixtureRun } from '../fixtures/write-fixture-run.js';
import { createRunIndex } from './run-index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createRunIndex', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-index-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const run = (i: number, extra: object = {}) =>
    writeFixtureRun(dir, {
      runId: `run-${String(i).padStart(4, '0')}`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      manifestOnly: true,
      ...extra,
    });

  it('lists valid runs newest first and returns the same array while nothing changes', async () => {
    for (let i = 0; i < 5; i++) await run(i);
    const index = createRunIndex(dir);
    const first = await index.list();
    expect(first.map((r) => r.runId)).toEqual(['run-0004', 'run-0003', 'run-0002', 'run-0001', 'run-0000']);
    expect(first[0]!.counts).toEqual({ holds: 3, 'does-not-hold': 1, 'not-applicable': 1, failed: 1 });
    expect(await index.list()).toBe(first);
  });

  it('reads each manifest once per version: same mtime and size means no re-read, even after ttlMs', async () => {
    const r = await run(0);
    const file = path.join(r.dir, 'manifest.json');
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000); // whole seconds: exact round trip
    await utimes(file, mtime, mtime);
    const index = createRunIndex(dir, { ttlMs: 0 });
    expect((await index.list())[0]!.backend).toBe('wasm');
    // Same length, same mtime: a re-read would see "cpux".
    await writeFile(file, JSON.stringify(r.manifest, null, 2).replace('"wasm"', '"cpux"'));
    await utimes(file, mtime, mtime);
    expect((await stat(file)).mtimeMs).toBe(mtime.getTime());
    await index.list(); // starts the background check
    await sleep(50);
    expect((await index.list())[0]!.backend).toBe('wasm');
    // A new mtime is a new version.
    await utimes(file, mtime, new Date(mtime.getTime() + 5000));
    await index.list();
    await vi.waitFor(async () => expect((await index.list())[0]!.backend).toBe('cpux'), { timeout: 2000 });
  });

  it('sees a new run folder at once (the folder mtime changed) and a removed one', async () => {
    await run(0);
    const index = createRunIndex(dir, { ttlMs: 60_000 });
    expect(await index.list()).toHaveLength(1);
    await run(1);
    expect((await index.list()).map((r) => r.runId)).toEqual(['run-0001', 'run-0000']);
    await rm(path.join(dir, 'run-0001'), { recursive: true });
    expect((await index.list()).map((r) => r.runId)).toEqual(['run-0000']);
  });

  it('sees a manifest renamed into an existing folder at once (incomplete runs are re-checked)', async () => {
    const late = await run(7, { withoutManifest: true });
    const index = createRunIndex(dir, { ttlMs: 60_000 });
    expect(await index.list()).toEqual([]);
    const tmp = path.join(late.dir, 'manifest.json.tmp');
    await writeFile(tmp, JSON.stringify(late.manifest));
    await rename(tmp, path.join(late.dir, 'manifest.json'));
    expect((await index.list()).map((r) => r.runId)).toEqual(['run-0007']);
  });

  it('sees a manifest rewritten in place within ttlMs (checked in the background)', async () => {
    const r = await run(0);
    const index = createRunIndex(dir, { ttlMs: 50 });
    expect((await index.list())[0]!.backend).toBe('wasm');
    await writeFile(path.join(r.dir, 'manifest.json'), JSON.stringify({ ...r.manifest, backend: 'cpu' }));
    await utimes(path.join(r.dir, 'manifest.json'), new Date(), new Date(Date.now() + 5000));
    await sleep(80);
    await vi.waitFor(async () => expect((await index.list())[0]!.backend).toBe('cpu'), { timeout: 2000 });
  });

  it.each([
    [
      'a broken manifest',
      async (d: string) => writeFile(path.join(d, 'manifest.json'), '{"runId": "x", "exp'),
    ],
    [
      'a manifest naming another run',
      async (d: string) => writeFile(path.join(d, 'manifest.json'), JSON.stringify({ runId: 'other' })),
    ],
    [
      'a manifest of the wrong shape',
      async (d: string) => writeFile(path.join(d, 'manifest.json'), '[1, 2, 3]'),
    ],
    [
      'a manifest over the size cap',
      async (d: string) => writeFile(path.join(d, 'manifest.json'), ' '.repeat(5000)),
    ],
    ['a manifest that is a folder', async (d: string) => mkdir(path.join(d, 'manifest.json'))],
    [
      'a manifest that is a FIFO',
      async (d: string) => execFileSync('mkfifo', [path.join(d, 'manifest.json')]),
    ],
    [
      'a manifest linking to /dev/zero',
      async (d: string) => symlink('/dev/zero', path.join(d, 'manifest.json')),
    ],
  ])('skips a run with %s, never throwing or hanging', async (_what, make) => {
    await run(1);
    const bad = path.join(dir, 'bad-run');
    await mkdir(bad);
    await make(bad);
    const index = createRunIndex(dir, { maxManifestBytes: 4096 });
    const t0 = performance.now();
    expect((await index.list()).map((r) => r.runId)).toEqual(['run-0001']);
    expect(await index.list()).toHaveLength(1);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('skips names that are not run ids, files, and folders linking outside the results folder', async () => {
    await run(1);
    const outside = await mkdtemp(path.join(os.tmpdir(), 'openbox-outside-'));
    try {
      const other = await writeFixtureRun(outside, { runId: 'escaped', manifestOnly: true });
      await symlink(other.dir, path.join(dir, 'escaped'));
      await mkdir(path.join(dir, '.hidden.partial'));
      await writeFile(path.join(dir, 'notes.txt'), 'not a run');
      await mkdir(path.join(dir, 'has space'));
      expect((await createRunIndex(dir).list()).map((r) => r.runId)).toEqual(['run-0001']);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('returns [] for a missing folder, and the runs once it appears', async () => {
    const later = path.join(dir, 'later');
    const index = createRunIndex(later);
    expect(await index.list()).toEqual([]);
    await writeFixtureRun(later, { runId: 'r1', manifestOnly: true });
    expect((await index.list()).map((r) => r.runId)).toEqual(['r1']);
  });

  it('lists 2,000 runs, and then answers from memory (one stat of the folder) in under 5 ms a call', async () => {
    const ids = Array.from({ length: 2000 }, (_, i) => i);
    for (let i = 0; i < ids.length; i += 50) await Promise.all(ids.slice(i, i + 50).map((n) => run(n)));
    const index = createRunIndex(dir, { ttlMs: 60_000 });
    const t0 = performance.now();
    const all = await index.list();
    const firstMs = performance.now() - t0;
    expect(all).toHaveLength(2000);
    expect(all[0]!.runId).toBe('run-1999');
    expect(all[1999]!.runId).toBe('run-0000');
    const t1 = performance.now();
    for (let i = 0; i < 100; i++) await index.list();
    const perCall = (performance.now() - t1) / 100;
    expect(perCall).toBeLessThan(5);
    expect(firstMs).toBeLessThan(20_000);
  });
});
