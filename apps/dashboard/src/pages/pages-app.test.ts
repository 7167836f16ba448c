import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApp } from '../create-dashboard-app.js';
import { fixtureDir } from '../test-helpers.js';

describe('pages', () => {
  let ctx: Awaited<ReturnType<typeof fixtureDir>>;
  let app: Hono;
  beforeAll(async () => {
    ctx = await fixtureDir();
    app = createDashboardApp({ resultsDir: ctx.dir });
  });
  afterAll(() => ctx.cleanup());

  const page = async (url: string, a: Hono = app) => {
    const res = await a.request(url);
    // Whitespace between and inside tags is not significant here.
    const html = (await res.text()).replace(/>\s+</g, '><').replace(/\s+/g, ' ');
    return { status: res.status, type: res.headers.get('content-type'), html };
  };

  it('overview: the latest run with every experiment, its claim and verdict badge, and the run metadata', async () => {
    const { status, type, html } = await page('/');
    expect(status).toBe(200);
    expect(type).toMatch(/text\/html/);
    for (const e of ctx.run.manifest.experiments) {
      expect(html).toContain(`data-experiment-id="${e.id}"`);
      expect(html).toContain(`href="/runs/${ctx.run.runId}/experiments/${e.id}"`);
      expect(html).toContain(e.claim.replaceAll("'", '&#39;'));
    }
    expect(html.match(/class="card experiment"/g)).toHaveLength(6);
    expect(html.match(/class="badge" data-verdict="holds"/g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('data-verdict="failed"');
    expect(html).toContain('fixture failure');
    expect(html).toMatch(/backend <b>wasm<\/b>.*seed <b>0<\/b>/s);
    expect(html).toContain('<dt>cnnAccuracy</dt><dd>0.981</dd>');
    expect(html).toContain(`href="/runs/${ctx.run.runId}/datasets/penguins"`);
    expect(html).toContain(`href="/runs/${ctx.run.runId}/datasets/synthetic"`);
    expect(html).not.toContain('/static/vendor/');
    expect(html).not.toContain('id="run-count"'); // a single run: no "newest of" line
  });

  it('experiment page: one chart container per chart pointing at the API, the PNGs, the metrics, vendor scripts', async () => {
    const { status, html } = await page(`/runs/${ctx.run.runId}/experiments/first-layer-filters`);
    expect(status).toBe(200);
    for (const id of ['filters', 'lr-templates', 'accuracy']) {
      expect(html).toContain(
        `data-chart-url="/api/runs/${ctx.run.runId}/experiments/first-layer-filters/charts/${id}"`,
      );
    }
    expect(html).toContain(
      `<img src="/api/runs/${ctx.run.runId}/experiments/first-layer-filters/artifacts/digit.png" alt="a digit" />`,
    );
    expect(html).toContain('<td>edgeLikeFilters</td><td class="num">13</td>');
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      '/static/vendor/vega.min.js',
      '/static/vendor/vega-lite.min.js',
      '/static/vendor/vega-embed.min.js',
      '/static/dashboard.js',
    ]);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('a failed experiment shows its error', async () => {
    const { status, html } = await page(`/runs/${ctx.run.runId}/experiments/max-patch-vs-filter`);
    expect(status).toBe(200);
    expect(html).toContain('id="experiment-error"');
    expect(html).toContain('fixture failure');
  });

  it('dataset page: charts and metrics of every experiment about the dataset, scoped by prefix', async () => {
    const { status, html } = await page(`/runs/${ctx.run.runId}/datasets/penguins`);
    expect(status).toBe(200);
    expect(html).toContain('charts/penguins-coefficients');
    expect(html).toContain('charts/penguins-ci');
    expect(html).not.toContain('charts/cars-coefficients');
    expect(html).toContain('<td>maxAbsDiff</td><td class="num">0.0004</td>');
    const synthetic = await page(`/runs/${ctx.run.runId}/datasets/synthetic`);
    expect(synthetic.html).toContain('charts/weights');
    expect(synthetic.html).toContain('<td>maxAbsError</td>');
    expect((await page(`/runs/${ctx.run.runId}/datasets/mnist`)).status).toBe(404);
  });

  it('run picker lists the runs; a run has its own overview', async () => {
    const runs = await page('/runs');
    expect(runs.html).toContain(`href="/runs/${ctx.run.runId}"`);
    const run = await page(`/runs/${ctx.run.runId}`);
    expect(run.status).toBe(200);
    expect(run.html).toContain('data-experiment-id="unimodality"');
  });

  it('escapes text from result files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-xss-'));
    try {
      const { writeFixtureRun } = await import('../fixtures/write-fixture-run.js');
      const run = await writeFixtureRun(dir);
      const manifest = {
        ...run.manifest,
        experiments: run.manifest.experiments.map((e) => ({ ...e, claim: '<script>alert(1)</script>' })),
      };
      await writeFile(path.join(run.dir, 'manifest.json'), JSON.stringify(manifest));
      const { html } = await page('/', createDashboardApp({ resultsDir: dir }));
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('HTML errors for pages: 400 on a malformed id, 404 on an unknown one', async () => {
    const bad = await page('/runs/%252e%252e');
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/text\/html/);
    expect((await page('/runs/nope')).status).toBe(404);
    expect((await page(`/runs/${ctx.run.runId}/experiments/nope`)).status).toBe(404);
    expect((await page('/no/such/page')).status).toBe(404);
  });

  it('renders / again when a result changes (the overview is cached per file version)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-rerender-'));
    try {
      const { writeFixtureRun } = await import('../fixtures/write-fixture-run.js');
      const run = await writeFixtureRun(dir);
      const a = createDashboardApp({ resultsDir: dir });
      expect((await page('/', a)).html).toContain('<dt>restarts</dt><dd>4</dd>');
      expect((await page('/', a)).html).toContain('<dt>restarts</dt><dd>4</dd>');
      const r = run.results.find((x) => x.id === 'unimodality')!;
      await writeFile(
        path.join(run.dir, 'unimodality', 'result.json'),
        JSON.stringify({ ...r, metrics: { ...r.metrics, restarts: 12345 } }),
      );
      expect((await page('/', a)).html).toContain('<dt>restarts</dt><dd>12345</dd>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('empty results folder: an explanation instead of a run', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-empty-'));
    try {
      const { status, html } = await page('/', createDashboardApp({ resultsDir: dir }));
      expect(status).toBe(200);
      expect(html).toContain('id="no-runs"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('live page: a digit picker when a live model is configured, a note otherwise', async () => {
    expect((await page('/live')).html).toContain('id="live-disabled"');
    const live = createDashboardApp({
      resultsDir: ctx.dir,
      live: {
        predict: () => Promise.reject(new Error('unused')),
        digits: { count: 50, get: () => ({ pixels: new Float32Array(784) }) },
      },
    });
    const { html } = await page('/live', live);
    expect(html).toContain('id="live-form"');
    expect(html).toContain('max="49"');
    expect(html).toContain('<a href="/live">Live</a>');
  });
});

describe('pages over a folder of 2,000 runs', () => {
  let dir: string;
  let app: Hono;
  const TOTAL = 2000;
  const id = (i: number) => `run-${String(i).padStart(4, '0')}`;
  const page = async (url: string) => {
    const res = await app.request(url);
    return { status: res.status, html: (await res.text()).replace(/>\s+</g, '><').replace(/\s+/g, ' ') };
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-many-'));
    const { writeFixtureRun } = await import('../fixtures/write-fixture-run.js');
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    // 1,999 small manifests and, newest, one complete run with its results.
    for (let i = 0; i < TOTAL - 1; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, TOTAL - 1 - i) }, (_, k) =>
          writeFixtureRun(dir, { runId: id(i + k), createdAt: at(i + k), manifestOnly: true }),
        ),
      );
    }
    await writeFixtureRun(dir, { runId: id(TOTAL - 1), createdAt: at(TOTAL - 1) });
    // Broken neighbours are skipped, never fatal.
    await writeFile(path.join(dir, id(5), 'manifest.json'), '{"runId": "truncated');
    app = createDashboardApp({ resultsDir: dir });
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('renders / with the newest run and the run count, fast once the index is built', async () => {
    const first = await page('/'); // builds the index: every manifest read once
    expect(first.status).toBe(200);
    const t0 = performance.now();
    const { status, html } = await page('/');
    const ms = performance.now() - t0;
    expect(status).toBe(200);
    expect(html).toContain(`run <b>${id(TOTAL - 1)}</b>`);
    expect(html.match(/class="card experiment"/g)).toHaveLength(6);
    expect(html).toContain(`The newest of ${TOTAL - 1} complete runs; <a href="/runs">see them all</a>.`);
    expect(ms).toBeLessThan(200);
  });

  it('the run picker shows 50 runs a page with links, newest first', async () => {
    const one = await page('/runs');
    expect(one.status).toBe(200);
    expect(one.html.match(/<tr><td><a href="\/runs\/run-/g)).toHaveLength(50);
    expect(one.html).toContain(`href="/runs/${id(1999)}"`);
    expect(one.html).toContain(`href="/runs/${id(1950)}"`);
    expect(one.html).not.toContain(`href="/runs/${id(1949)}"`);
    expect(one.html).toContain('runs 1–50 of 1999 (page 1 of 40)');
    expect(one.html).toContain('<a rel="next" href="/runs?page=2">older ▶</a>');
    expect(one.html).not.toContain('rel="prev"');
    const two = await page('/runs?page=2');
    expect(two.html).toContain(`href="/runs/${id(1949)}"`);
    expect(two.html).toContain('<a rel="prev" href="/runs">◀ newer</a>');
    const last = await page('/runs?page=40');
    expect(last.html).toContain('runs 1951–1999 of 1999 (page 40 of 40)');
    expect(last.html.match(/<tr><td><a href="\/runs\/run-/g)).toHaveLength(49);
    expect(last.html).toContain(`href="/runs/${id(0)}"`);
    expect(last.html).not.toContain(`href="/runs/${id(5)}"`); // the broken one
    expect(last.html).not.toContain('rel="next"');
  });

  it.each([
    ['/runs?page=0', 400, 'invalid page: it must be an integer in [1, 999999999], got &quot;0&quot;'],
    ['/runs?page=two', 400, 'invalid page: it must be an integer in [1, 999999999], got &quot;two&quot;'],
    ['/runs?page=41', 404, 'page 41 is past the last page (40)'],
  ])('%s → %i, an HTML error naming the parameter', async (url, status, message) => {
    const r = await page(url);
    expect(r.status).toBe(status);
    expect(r.html).toContain(message);
  });
});
