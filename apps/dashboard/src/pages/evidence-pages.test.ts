import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlEvidence, ExperimentResult, Manifest } from '@openbox/suite';
import { createDashboardApp } from '../create-dashboard-app.js';
import { writeFixtureRun } from '../fixtures/write-fixture-run.js';
import { fixtureDir } from '../test-helpers.js';

type Layer = { data: { values: Record<string, unknown>[] }; mark: { type: string } };

/** The page's HTML with insignificant whitespace collapsed, as in pages-app.test.ts. */
const page = async (a: Hono, url: string) => {
  const res = await a.request(url);
  return { status: res.status, html: (await res.text()).replace(/>\s+</g, '><').replace(/\s+/g, ' ') };
};
/** The overview card of experiment `id`. */
const card = (html: string, id: string): string => {
  const m = new RegExp(`<article class="card experiment" data-experiment-id="${id}">.*?</article>`).exec(
    html,
  );
  if (m === null) throw new Error(`no card for ${id}`);
  return m[0];
};

describe('control evidence on the pages', () => {
  let ctx: Awaited<ReturnType<typeof fixtureDir>>;
  let app: Hono;
  let run: string;
  beforeAll(async () => {
    ctx = await fixtureDir();
    app = createDashboardApp({ resultsDir: ctx.dir });
    run = ctx.run.runId;
  });
  afterAll(() => ctx.cleanup());

  it('experiment page: the margin sentence of each comparison under the verdict, from the evidence values', async () => {
    const { html } = await page(app, `/runs/${run}/experiments/first-layer-filters`);
    expect(html).toContain(
      '<ul class="evidence" id="evidence"><li data-holds="true"><span class="mark" data-holds="true" aria-label="passes">✓</span>' +
        '<span class="metric">mean neighbour correlation of the conv1 filters</span>' +
        '<span class="muted small">(higher is better)</span>: ' +
        '<span class="evidence-text">trained 0.4832 vs controls −0.0436, 0.0124, −0.0741; margin 0.4708 (required 0.2)</span></li>',
    );
    expect(html).toContain(
      '<span class="muted small">(lower is better)</span>: ' +
        '<span class="evidence-text">trained 0.31 vs controls 0.52, 0.97; margin 0.21 (required 0.1)</span></li></ul>',
    );
    // The sentence sits between the verdict and the charts.
    expect(html.indexOf('id="verdict"')).toBeLessThan(html.indexOf('id="evidence"'));
    expect(html.indexOf('id="evidence"')).toBeLessThan(html.indexOf('id="controls-charts"'));
    const failing = await page(app, `/runs/${run}/experiments/unimodality`);
    expect(failing.html).toContain(
      '<li data-holds="false"><span class="mark" data-holds="false" aria-label="fails">✗</span>',
    );
    expect(failing.html).toContain(
      '<span class="evidence-text">trained 0.12 vs controls 0.15; margin −0.03 (required 0.05)</span>',
    );
  });

  it('experiment page: one controls chart per comparison, whose spec has the exact values and the required bar', async () => {
    const { html } = await page(app, `/runs/${run}/experiments/first-layer-filters`);
    const urls = [...html.matchAll(/data-controls-chart-url="([^"]+)"/g)].map((m) => m[1]);
    expect(urls).toEqual([0, 1].map((i) => `/api/runs/${run}/experiments/first-layer-filters/evidence/${i}`));
    expect(html).toContain('<figcaption>mean neighbour correlation of the conv1 filters</figcaption>');
    // The result's own charts are still exactly the `[data-chart-url]` ones.
    expect([...html.matchAll(/data-chart-id="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'filters',
      'lr-templates',
      'accuracy',
    ]);
    const specs = await Promise.all(
      urls.map(async (u) => {
        const res = await app.request(u!);
        expect(res.status).toBe(200);
        return (await res.json()) as { $schema: string; layer: Layer[] };
      }),
    );
    const layer = (i: number, type: string) => specs[i]!.layer.find((l) => l.mark.type === type)!.data.values;
    expect(specs[0]!.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    expect(layer(0, 'point')).toEqual([
      { label: 'trained', value: 0.4832, role: 'trained' },
      { label: 're-initialized seed 1', value: -0.0436, role: 'control' },
      { label: 're-initialized seed 2', value: 0.0124, role: 'control' },
      { label: 're-initialized seed 3', value: -0.0741, role: 'control' },
    ]);
    expect(layer(0, 'rule')).toEqual([{ threshold: 0.2124, label: 'strongest control + 0.2' }]);
    expect(layer(1, 'point')).toEqual([
      { label: 'trained', value: 0.31, role: 'trained' },
      { label: 'shuffled labels', value: 0.52, role: 'control' },
      { label: 'random templates', value: 0.97, role: 'control' },
    ]);
    expect(layer(1, 'rule')).toEqual([{ threshold: 0.42, label: 'strongest control − 0.1' }]);
  });

  it('a result without evidence shows nothing new', async () => {
    for (const id of ['mode-vs-typical', 'logistic-equivalence']) {
      const { status, html } = await page(app, `/runs/${run}/experiments/${id}`);
      expect(status).toBe(200);
      expect(html).not.toContain('class="evidence"');
      expect(html).not.toContain('Against the controls');
      expect(html).not.toContain('data-controls-chart-url');
      expect(html).toContain('id="charts"');
      expect(card((await page(app, '/')).html, id)).not.toContain('class="margins"');
    }
    const none = await app.request(`/api/runs/${run}/experiments/mode-vs-typical/evidence/0`);
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({
      error:
        'evidence 0 not found in experiment "mode-vs-typical": its verdict has 0 comparisons with controls',
    });
  });

  it('overview: each card lists its margins, achieved vs required, with a pass/fail mark', async () => {
    const { html } = await page(app, '/');
    expect(card(html, 'first-layer-filters')).toContain(
      '<ul class="margins"><li data-holds="true"><span class="mark" data-holds="true" aria-label="passes">✓</span>' +
        '<span class="metric">mean neighbour correlation of the conv1 filters</span>: margin <b>0.4708</b><span class="required">(required 0.2)</span></li>' +
        '<li data-holds="true"><span class="mark" data-holds="true" aria-label="passes">✓</span>' +
        '<span class="metric">distance of the LR templates to the class means</span>: margin <b>0.21</b><span class="required">(required 0.1)</span></li></ul>',
    );
    expect(card(html, 'unimodality')).toContain(
      '<li data-holds="false"><span class="mark" data-holds="false" aria-label="fails">✗</span>' +
        '<span class="metric">relative activation gap</span>: margin <b>−0.03</b><span class="required">(required 0.05)</span></li>',
    );
    expect(card(html, 'max-patch-vs-filter')).not.toContain('class="margins"'); // failed: no verdict
  });

  it("overview: the margins come from the manifest's verdicts", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-evidence-'));
    try {
      const fixture = await writeFixtureRun(dir);
      const manifest: Manifest = {
        ...fixture.manifest,
        experiments: fixture.manifest.experiments.map((e) =>
          e.id === 'unimodality' && e.verdict !== undefined
            ? { ...e, verdict: { ...e.verdict, evidence: [{ ...e.verdict.evidence![0]!, margin: -0.0777 }] } }
            : e,
        ),
      };
      await writeFile(path.join(fixture.dir, 'manifest.json'), JSON.stringify(manifest));
      const { html } = await page(createDashboardApp({ resultsDir: dir }), '/');
      expect(card(html, 'unimodality')).toContain(
        'margin <b>−0.0777</b><span class="required">(required 0.05)</span>',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('escapes metric names and control labels from the files; the chart spec carries them as data', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-evidence-xss-'));
    const label = `<script>alert("x")</script>'`;
    const metric = `"quoted" <img src=x onerror=alert(1)> & 'so on'`;
    try {
      const fixture = await writeFixtureRun(dir);
      const evil: ControlEvidence = {
        metric,
        trained: 0.5,
        controls: [{ label, value: 0.1 }],
        requiredMargin: 0.2,
        margin: 0.4,
        higherIsBetter: true,
        holds: true,
      };
      const r = fixture.results.find((x) => x.id === 'first-layer-filters')!;
      const result: ExperimentResult = { ...r, verdict: { ...r.verdict, evidence: [evil] } };
      await writeFile(path.join(fixture.dir, r.id, 'result.json'), JSON.stringify(result));
      const manifest: Manifest = {
        ...fixture.manifest,
        experiments: fixture.manifest.experiments.map((e) =>
          e.id === r.id ? { ...e, verdict: result.verdict } : e,
        ),
      };
      await writeFile(path.join(fixture.dir, 'manifest.json'), JSON.stringify(manifest));
      const a = createDashboardApp({ resultsDir: dir });
      const escaped = '&quot;quoted&quot; &lt;img src=x onerror=alert(1)&gt; &amp; &#39;so on&#39;';
      for (const url of ['/', `/runs/${fixture.runId}/experiments/${r.id}`]) {
        const { html } = await page(a, url);
        expect(html).not.toContain('<script>alert');
        expect(html).not.toContain('<img src=x');
        expect(html).toContain(`<span class="metric">${escaped}</span>`);
      }
      const experiment = (await page(a, `/runs/${fixture.runId}/experiments/${r.id}`)).html;
      expect(experiment).toContain(`<figcaption>${escaped}</figcaption>`);
      expect(experiment).toContain('trained 0.5 vs controls 0.1; margin 0.4 (required 0.2)');
      const spec = (await (
        await a.request(`/api/runs/${fixture.runId}/experiments/${r.id}/evidence/0`)
      ).json()) as { layer: Layer[] };
      expect(spec.layer.find((l) => l.mark.type === 'point')!.data.values[1]).toEqual({
        label,
        value: 0.1,
        role: 'control',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [
      '5',
      404,
      'evidence 5 not found in experiment "first-layer-filters": its verdict has 2 comparisons with controls',
    ],
    ['01', 400, 'invalid evidenceIndex: it must match /^(?:0|[1-9][0-9]{0,3})$/'],
    ['-1', 400, 'invalid evidenceIndex: it must match /^(?:0|[1-9][0-9]{0,3})$/'],
  ])('GET …/evidence/%s → %i naming what is wrong', async (index, status, error) => {
    const res = await app.request(`/api/runs/${run}/experiments/first-layer-filters/evidence/${index}`);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error });
  });
});
