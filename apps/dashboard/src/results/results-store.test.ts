import { mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFixtureRun } from '../fixtures/write-fixture-run.js';
import { fixtureDir } from '../test-helpers.js';
import { createResultsStore } from './results-store.js';

describe('createResultsStore', () => {
  let ctx: Awaited<ReturnType<typeof fixtureDir>>;
  beforeEach(async () => {
    ctx = await fixtureDir();
  });
  afterEach(() => ctx.cleanup());

  it('lists complete runs newest first with verdict counts', async () => {
    await writeFixtureRun(ctx.dir, { runId: 'newer', createdAt: '2026-11-26T00:00:00.000Z' });
    const runs = await createResultsStore(ctx.dir).listRuns();
    expect(runs.map((r) => r.runId)).toEqual(['newer', ctx.run.runId]);
    expect(runs[0]!.counts).toEqual({ holds: 3, 'does-not-hold': 1, 'not-applicable': 1, failed: 1 });
  });

  it('ignores runs without a manifest, with a broken one, or whose manifest names another run', async () => {
    await writeFixtureRun(ctx.dir, {
      runId: 'incomplete',
      createdAt: '2027-01-01T00:00:00.000Z',
      withoutManifest: true,
    });
    await mkdir(path.join(ctx.dir, 'broken'));
    await writeFile(path.join(ctx.dir, 'broken', 'manifest.json'), '{"runId": "broken", "experi');
    await mkdir(path.join(ctx.dir, 'renamed'));
    await writeFile(path.join(ctx.dir, 'renamed', 'manifest.json'), JSON.stringify({ ...ctx.run.manifest }));
    await mkdir(path.join(ctx.dir, '.hidden'));
    const store = createResultsStore(ctx.dir);
    expect((await store.listRuns()).map((r) => r.runId)).toEqual([ctx.run.runId]);
    expect(await store.manifest('incomplete')).toBeUndefined();
    expect(await store.manifest('renamed')).toBeUndefined();
  });

  it('sees a run as soon as its manifest is renamed into place, and a rewritten result at once', async () => {
    const store = createResultsStore(ctx.dir);
    const late = await writeFixtureRun(ctx.dir, {
      runId: 'late',
      createdAt: '2027-01-01T00:00:00.000Z',
      withoutManifest: true,
    });
    expect((await store.listRuns()).map((r) => r.runId)).not.toContain('late');
    const tmp = path.join(late.dir, 'manifest.json.tmp');
    await writeFile(tmp, JSON.stringify(late.manifest));
    await rename(tmp, path.join(late.dir, 'manifest.json'));
    expect((await store.listRuns())[0]!.runId).toBe('late');
    const before = await store.result('late', 'unimodality');
    expect(before?.title).toBe('Unimodality of a deep unit');
    const file = path.join(late.dir, 'unimodality', 'result.json');
    await writeFile(file, JSON.stringify({ ...before, title: 'changed title, longer than before' }));
    expect((await store.result('late', 'unimodality'))?.title).toBe('changed title, longer than before');
  });

  it('reads results only for experiments of the manifest and artifacts only when declared', async () => {
    const store = createResultsStore(ctx.dir);
    const { runId } = ctx.run;
    expect((await store.result(runId, 'first-layer-filters'))?.charts).toHaveLength(3);
    expect(await store.result(runId, 'not-listed')).toBeUndefined();
    expect(await store.artifact(runId, 'first-layer-filters', 'digit.png')).toMatchObject({
      mediaType: 'image/png',
    });
    expect(await store.artifact(runId, 'first-layer-filters', 'result.json')).toBeUndefined();
  });

  it('ignores a run folder that is a symlink to outside the results folder', async () => {
    const other = await fixtureDir();
    try {
      await symlink(other.run.dir, path.join(ctx.dir, 'escaped'));
      const store = createResultsStore(ctx.dir);
      expect((await store.listRuns()).map((r) => r.runId)).toEqual([ctx.run.runId]);
    } finally {
      await other.cleanup();
    }
  });

  it('returns no runs for a missing results folder', async () => {
    expect(await createResultsStore(path.join(ctx.dir, 'nope')).listRuns()).toEqual([]);
  });
});
