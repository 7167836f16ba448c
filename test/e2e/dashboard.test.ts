/** Browser end-to-end: the real dashboard server driven by Debian's chromium through playwright-core. */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceLive, serveDashboard } from '@openbox/dashboard';
import type { RunningDashboard } from '@openbox/dashboard';
import { defaultCacheDir, initBackend } from '@openbox/runtime';
import { loadMnist } from '@openbox/datasets';
import { EXPERIMENT_IDS, readExperimentResult } from '@openbox/suite';
import type { ExperimentResult } from '@openbox/suite';
import { openDashboardBrowser, SHOTS } from './browser.js';
import { prepareResultsDir } from './results-dir.js';
import type { PreparedResults } from './results-dir.js';

describe('dashboard in a real browser', () => {
  let results: PreparedResults;
  let server: RunningDashboard;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    await initBackend();
    results = await prepareResultsDir();
    const live = await referenceLive(defaultCacheDir());
    server = await serveDashboard({ resultsDir: results.dir, port: 0, live });
    ({ browser, page, problems } = await openDashboardBrowser(server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await results?.cleanup();
  });

  /** The result file of experiment `id` of the served run (undefined for a failed experiment). */
  const resultOf = (id: string): ExperimentResult | undefined =>
    readExperimentResult(results.dir, results.manifest.runId, id);

  /** Waits until every chart container is drawn, then returns, per chart, its state and its number of marks. */
  async function drawnCharts(
    selector = '[data-chart-url]',
  ): Promise<{ id: string; state: string; marks: number }[]> {
    await page.waitForFunction(
      (sel) =>
        [...document.querySelectorAll<HTMLElement>(sel)].every((e) => e.dataset['rendered'] !== undefined),
      selector,
      { timeout: 30_000 },
    );
    return page.$$eval(selector, (els) =>
      els.map((e) => ({
        id: (e as HTMLElement).dataset['chartId'] ?? '',
        state: (e as HTMLElement).dataset['rendered'] ?? '',
        marks: e.querySelectorAll(
          'svg .role-mark > path, svg .role-mark > line, svg .role-mark > text, svg .role-mark > rect',
        ).length,
      })),
    );
  }

  it('overview lists every experiment with its verdict', async () => {
    await page.goto(server.url);
    const cards = await page.$$eval('[data-experiment-id]', (els) =>
      els.map((e) => ({
        id: (e as HTMLElement).dataset['experimentId'],
        verdict: e.querySelector('.badge')?.getAttribute('data-verdict'),
        text: e.querySelector('.badge')?.textContent,
      })),
    );
    // The served run is a full `openbox suite --quick`: every registered experiment, in order, has a card.
    expect(results.manifest.experiments.map((e) => e.id)).toEqual([...EXPERIMENT_IDS]);
    expect(cards.map((c) => c.id)).toEqual([...EXPERIMENT_IDS]);
    for (const [i, e] of results.manifest.experiments.entries()) {
      expect(cards[i]!.verdict).toBe(e.status === 'failed' ? 'failed' : e.verdict?.status);
      expect(cards[i]!.text?.length).toBeGreaterThan(0);
    }
    expect(await page.textContent('#run-meta')).toContain(results.manifest.backend);
    await page.screenshot({ path: path.join(SHOTS, 'overview.png'), fullPage: true });
  });

  it('every experiment page draws its Vega charts and shows its images', async () => {
    // A full quick run: every experiment ran (the suite's own tests hold each one to 'ok').
    expect(results.manifest.experiments.map((e) => [e.id, e.status])).toEqual(
      EXPERIMENT_IDS.map((id) => [id, 'ok']),
    );
    for (const e of results.manifest.experiments) {
      await page.goto(new URL(`runs/${results.manifest.runId}/experiments/${e.id}`, server.url).href);
      await expect(page.textContent('h1')).resolves.toBe(e.title);
      // The page shows exactly the charts and images of the result file; every experiment has a chart.
      const result = resultOf(e.id);
      if (result === undefined) throw new Error(`no result file for ${e.id}`);
      expect(result.charts.length, e.id).toBeGreaterThan(0);
      const charts = await drawnCharts();
      expect(charts.map((c) => c.id)).toEqual(result.charts.map((c) => c.id));
      for (const c of charts) {
        expect(c.state, `${e.id}/${c.id}`).toBe('true');
        expect(c.marks, `${e.id}/${c.id} has marks`).toBeGreaterThan(0);
      }
      // One drawn trained-vs-controls chart per comparison the verdict rests on (verdict.evidence).
      const controls = await drawnCharts('[data-controls-chart-url]');
      expect(controls, `${e.id} controls charts`).toHaveLength(result.verdict.evidence?.length ?? 0);
      for (const [i, c] of controls.entries()) {
        expect(c.state, `${e.id} controls chart ${i}`).toBe('true');
        expect(c.marks, `${e.id} controls chart ${i} has marks`).toBeGreaterThan(0);
      }
      const images = await page.$$eval('#artifacts img', (imgs) =>
        imgs.map((i) => (i as HTMLImageElement).naturalWidth),
      );
      expect(images).toHaveLength(result.artifacts.length);
      for (const w of images) expect(w).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(SHOTS, `experiment-${e.id}.png`), fullPage: true });
    }
  });

  it('dataset comparison pages draw their charts', async () => {
    await page.goto(server.url);
    const links = await page.$$eval('#datasets a', (as) =>
      as.map((a) => ({ href: (a as HTMLAnchorElement).href, name: a.textContent?.trim() ?? '' })),
    );
    // One link per dataset named by a result (the three logistic experiments: penguins, cars, logistic).
    const named = results.manifest.experiments.flatMap((e) => {
      const d = resultOf(e.id)?.metrics['dataset'];
      return typeof d === 'string' ? [d] : [];
    });
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(links.map((l) => l.name)).toEqual([...new Set(named)].sort());
    for (const { href } of links) {
      await page.goto(href);
      const charts = await drawnCharts();
      expect(charts.length).toBeGreaterThan(0);
      for (const c of charts) expect(c.marks).toBeGreaterThan(0);
    }
    await page.screenshot({ path: path.join(SHOTS, 'dataset.png'), fullPage: true });
  });

  it('live: picking a digit computes on the server and draws the result', async () => {
    await page.goto(new URL('live', server.url).href);
    await page.fill('#live-index', '7');
    await page.click('#live-run');
    await page.waitForSelector('#live-summary[data-state="done"]', { timeout: 30_000 });
    const { test } = loadMnist({ seed: 0 });
    expect(await page.textContent('#live-summary')).toMatch(
      new RegExp(
        `^CNN predicts \\d \\(p = [01]\\.\\d{3}\\), logistic regression predicts \\d, label ${test.target[7]}`,
      ),
    );
    for (const id of ['#live-digit', '#live-scores', '#live-activations']) {
      expect(await page.$$eval(`${id} svg .role-mark > path`, (m) => m.length), id).toBeGreaterThan(0);
    }
    await page.click('#live-next');
    await page.waitForFunction(
      (label) => document.querySelector('#live-summary')?.textContent?.includes(`label ${label}`),
      test.target[8],
      { timeout: 30_000 },
    );
    await page.screenshot({ path: path.join(SHOTS, 'live.png'), fullPage: true });
  });

  it('had no console errors, failed requests or external requests', () => {
    expect(problems).toEqual([]);
  });
});
