import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApp } from '../create-dashboard-app.js';
import { writeFixtureRun } from '../fixtures/write-fixture-run.js';
import { fixtureDir } from '../test-helpers.js';

describe('JSON API', () => {
  let ctx: Awaited<ReturnType<typeof fixtureDir>>;
  let outside: Awaited<ReturnType<typeof fixtureDir>>;
  let app: Hono;
  let base: string;
  beforeAll(async () => {
    ctx = await fixtureDir();
    outside = await fixtureDir();
    // A run folder and an artifact that are symlinks pointing outside the results folder.
    await symlink(outside.run.dir, path.join(ctx.dir, 'escaped-run'));
    app = createDashboardApp({ resultsDir: ctx.dir, maxBodyBytes: 1024 });
    base = `/api/runs/${ctx.run.runId}`;
  });
  afterAll(async () => {
    await ctx.cleanup();
    await outside.cleanup();
  });

  const json = async (url: string, init?: RequestInit) => {
    const res = await app.request(url, init);
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: (await res.json()) as Record<string, unknown>,
    };
  };

  it('lists runs, serves the manifest, a result and a chart spec', async () => {
    const runs = await json('/api/runs');
    expect(runs.status).toBe(200);
    expect((runs.body['runs'] as { runId: string }[]).map((r) => r.runId)).toEqual([ctx.run.runId]);
    const manifest = await json(base);
    expect(manifest.body).toEqual(ctx.run.manifest);
    const result = await json(`${base}/experiments/unimodality`);
    expect(result.body['verdict']).toEqual({
      status: 'does-not-hold',
      reason: expect.stringContaining('3 distinct optima'),
      evidence: ctx.run.results.find((r) => r.id === 'unimodality')!.verdict.evidence,
    });
    const spec = await json(`${base}/experiments/first-layer-filters/charts/lr-templates`);
    expect(spec.status).toBe(200);
    expect(spec.body['$schema']).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    expect((spec.body['data'] as { values: unknown[] }).values).toHaveLength(10 * 28 * 28);
  });

  it('serves a declared artifact as image/png with its bytes', async () => {
    const res = await app.request(`${base}/experiments/first-layer-filters/artifacts/digit.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it.each([
    ['run id', '/api/runs/.hidden'],
    ['run id with spaces', '/api/runs/a%20b'],
    ['double-encoded dot-dot', '/api/runs/%252e%252e/experiments/x'],
    ['encoded slash', `/api/runs/${'..%2F..%2Fetc'}`],
    ['experiment id', '/api/runs/RUN/experiments/Not_Kebab'],
    ['encoded traversal in experiment id', '/api/runs/RUN/experiments/..%2F..%2Fsecret'],
    [
      'backslash in artifact',
      '/api/runs/RUN/experiments/first-layer-filters/artifacts/..%5C..%5Cmanifest.json',
    ],
    ['absolute artifact', '/api/runs/RUN/experiments/first-layer-filters/artifacts/%2Fetc%2Fpasswd'],
    ['dot-dot artifact', '/api/runs/RUN/experiments/first-layer-filters/artifacts/a..b'],
    ['chart id', '/api/runs/RUN/experiments/unimodality/charts/-x'],
  ])('answers 400 JSON for a malformed %s', async (_name, url) => {
    const r = await json(url.replace('RUN', ctx.run.runId));
    expect(r.status).toBe(400);
    expect(r.type).toMatch(/application\/json/);
    expect(r.body['error']).toMatch(/^invalid \w+: it must match/);
  });

  it.each([
    ['run', '/api/runs/no-such-run'],
    ['run behind a symlink out of the folder', '/api/runs/escaped-run'],
    ['experiment', '/api/runs/RUN/experiments/no-such-experiment'],
    ['failed experiment (no result)', '/api/runs/RUN/experiments/max-patch-vs-filter'],
    ['chart', '/api/runs/RUN/experiments/unimodality/charts/nope'],
    ['undeclared file', '/api/runs/RUN/experiments/first-layer-filters/artifacts/result.json'],
    ['route', '/api/nothing-here'],
  ])('answers 404 JSON for an unknown %s', async (_name, url) => {
    const r = await json(url.replace('RUN', ctx.run.runId));
    expect(r.status).toBe(404);
    expect(r.type).toMatch(/application\/json/);
    expect(typeof r.body['error']).toBe('string');
  });

  it.each([
    '/api/runs/../../etc/passwd',
    '/api/runs/%2e%2e/%2e%2e/etc/passwd',
    '/static/%2e%2e/%2e%2e/package.json',
  ])('answers 404 when the URL parser folds dot segments out of %s', async (url) => {
    const res = await app.request(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/root:|"name"/);
  });

  it('refuses an artifact that is a symlink out of the results folder', async () => {
    await symlink(
      path.join(outside.dir, outside.run.runId, 'manifest.json'),
      path.join(ctx.run.dir, 'unimodality', 'leak.png'),
    );
    const result = JSON.parse(JSON.stringify(ctx.run.results.find((r) => r.id === 'unimodality')));
    result.artifacts = [{ file: 'leak.png', title: 'leak', mediaType: 'image/png' }];
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(ctx.run.dir, 'unimodality', 'result.json'), JSON.stringify(result));
    const r = await app.request(`${base}/experiments/unimodality/artifacts/leak.png`);
    expect(r.status).toBe(404);
  });

  it('answers 413 to a body over the limit, with or without Content-Length', async () => {
    const big = JSON.stringify({ pixels: new Array(2000).fill(0.5) });
    const r = await json('/api/live/digit', {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(413);
    expect(r.body['error']).toBe('request body too large: at most 1024 bytes');
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await app.request('/api/live/digit', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('sends security headers (CSP without inline scripts, nosniff)', async () => {
    const res = await app.request('/api/runs');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'unsafe-eval'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
  });
});

describe('GET /api/runs paging', () => {
  let dir: string;
  let app: Hono;
  const TOTAL = 120;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-paging-'));
    for (let i = 0; i < TOTAL; i++) {
      await writeFixtureRun(dir, {
        runId: `run-${String(i).padStart(3, '0')}`,
        createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
        manifestOnly: true,
      });
    }
    app = createDashboardApp({ resultsDir: dir });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const page = async (query: string) => {
    const res = await app.request(`/api/runs${query}`);
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { runs?: { runId: string }[] },
    };
  };

  it.each([
    ['', 50, 0, 'run-119', 'run-070'],
    ['?limit=10', 10, 0, 'run-119', 'run-110'],
    ['?limit=10&offset=115', 5, 115, 'run-004', 'run-000'],
    ['?offset=50', 50, 50, 'run-069', 'run-020'],
    ['?limit=500', TOTAL, 0, 'run-119', 'run-000'],
  ])(
    '%s → %i runs from offset %i, newest first, with the total',
    async (query, count, offset, first, last) => {
      const { status, body } = await page(query);
      expect(status).toBe(200);
      expect(body.runs).toHaveLength(count);
      expect(body.runs![0]!.runId).toBe(first);
      expect(body.runs!.at(-1)!.runId).toBe(last);
      expect(body).toMatchObject({ total: TOTAL, offset });
    },
  );

  it('an offset past the end is an empty page, not an error', async () => {
    expect((await page('?offset=1000')).body).toEqual({ runs: [], total: TOTAL, limit: 50, offset: 1000 });
  });

  it.each([
    ['?limit=0', 'invalid limit: it must be an integer in [1, 500], got "0"'],
    ['?limit=501', 'invalid limit: it must be an integer in [1, 500], got "501"'],
    ['?limit=abc', 'invalid limit: it must be an integer in [1, 500], got "abc"'],
    ['?limit=-1', 'invalid limit: it must be an integer in [1, 500], got "-1"'],
    ['?limit=1e2', 'invalid limit: it must be an integer in [1, 500], got "1e2"'],
    ['?limit=%2010', 'invalid limit: it must be an integer in [1, 500], got " 10"'],
    ['?limit=', 'invalid limit: it must be an integer in [1, 500], got ""'],
    ['?limit=0x10', 'invalid limit: it must be an integer in [1, 500], got "0x10"'],
    ['?offset=-1', 'invalid offset: it must be an integer in [0, 999999999], got "-1"'],
    ['?offset=1.5', 'invalid offset: it must be an integer in [0, 999999999], got "1.5"'],
    ['?offset=99999999999', 'invalid offset: it must be an integer in [0, 999999999], got "99999999999"'],
    ['?limit=%1b%5b31m', 'invalid limit: it must be an integer in [1, 500], got "\\x1b[31m"'],
    ['?limit=1&limit=2', 'invalid limit: give it at most once'],
  ])('%s → 400 naming the parameter', async (query, error) => {
    const { status, body } = await page(query);
    expect(status).toBe(400);
    expect(body).toEqual({ error, code: 'bad-query' });
  });
});
