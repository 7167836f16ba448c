/** Browser end-to-end: the tabular page (LR and the MLP on one row) on the real dashboard server, in headless chromium. */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDashboard } from '@openbox/dashboard';
import type { RunningDashboard } from '@openbox/dashboard';
import { openDashboardBrowser, SHOTS } from './browser.js';

/** The parts of `POST /api/tabular/explain`'s JSON the page shows. */
interface Part {
  readonly probability: number;
  readonly prediction: number;
  readonly baseValue: number;
  readonly values: readonly number[];
}
interface Reply {
  readonly row: number;
  readonly features: readonly string[];
  readonly featureValues: readonly number[];
  readonly standardized: readonly number[];
  readonly lr: Part;
  readonly mlp: Part;
  readonly accuracy: { readonly lr: number; readonly mlp: number };
  readonly agreement: { readonly summary: string };
}

/** What a person reads on the page: each table row's cell texts and full values, the agreement line, the charts. */
interface Shown {
  readonly models: Record<string, { texts: string[]; values: number[] }>;
  readonly features: Record<string, { texts: string[]; values: number[] }>;
  readonly agreement: string;
  readonly charts: { id: string; svg: boolean; bars: number }[];
}

/** The page's formatting: 3 decimals for probabilities and accuracies, else 4 significant digits. */
const sig = (v: number) => String(Number(v.toPrecision(4)));

describe('the tabular page in a real browser', () => {
  let dir: string;
  let server: RunningDashboard;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    // No results and no live model: only the tabular page is used (its MLP trains on the first request).
    dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-e2e-tabular-'));
    server = await serveDashboard({ resultsDir: dir, port: 0 });
    ({ browser, page, problems } = await openDashboardBrowser(server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The API's answer for one request, fetched beside the page (same server, same cached models). */
  async function api(request: { dataset: string; class: number; row: number }): Promise<Reply> {
    const res = await fetch(new URL('api/tabular/explain', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Reply;
  }

  /** Waits until the page shows `dataset`/`class`/`row` with both charts drawn, then reads it. */
  async function shown(dataset: string, k: number, row: number): Promise<Shown> {
    await page.waitForFunction(
      ([d, c, r]) => {
        const s = document.querySelector<HTMLElement>('#tabular-summary')?.dataset;
        const drawn = [
          ...document.querySelectorAll<HTMLElement>('#tabular-lr-chart, #tabular-mlp-chart'),
        ].every((e) => e.dataset['state'] === 'drawn');
        return s?.['state'] === 'done' && s['dataset'] === d && s['class'] === c && s['row'] === r && drawn;
      },
      [dataset, String(k), String(row)] as const,
      { timeout: 45_000 },
    );
    return page.evaluate(() => {
      const table = (id: string) =>
        Object.fromEntries(
          [...document.querySelectorAll<HTMLTableRowElement>(`#${id} tbody tr`)].map((tr) => [
            tr.dataset['name']!,
            {
              texts: [...tr.cells].map((td) => td.textContent ?? ''),
              values: [...tr.cells]
                .filter((td) => td.dataset['value'] !== undefined)
                .map((td) => Number(td.dataset['value'])),
            },
          ]),
        );
      return {
        models: table('tabular-models'),
        features: table('tabular-features'),
        agreement: document.querySelector('#tabular-agreement')?.textContent ?? '',
        charts: ['tabular-lr-chart', 'tabular-mlp-chart'].map((id) => {
          const el = document.getElementById(id)!;
          return {
            id,
            svg: el.querySelector('svg') !== null,
            bars: el.querySelectorAll('svg .role-mark path').length,
          };
        }),
      };
    });
  }

  /** The page's numbers are the API's, to the last digit in `data-value` and as formatted in the text. */
  function expectMatches(s: Shown, reply: Reply): void {
    for (const [key, part, accuracy] of [
      ['lr', reply.lr, reply.accuracy.lr],
      ['mlp', reply.mlp, reply.accuracy.mlp],
    ] as const) {
      const m = s.models[key]!;
      expect(m.values).toEqual([part.probability, part.prediction, part.baseValue, accuracy]);
      expect(m.texts.slice(1)).toEqual([
        part.probability.toFixed(3),
        sig(part.prediction),
        sig(part.baseValue),
        accuracy.toFixed(3),
      ]);
    }
    expect(Object.keys(s.features)).toEqual(reply.features);
    reply.features.forEach((name, j) => {
      const row = [
        reply.featureValues[j]!,
        reply.standardized[j]!,
        reply.lr.values[j]!,
        reply.mlp.values[j]!,
      ];
      expect(s.features[name]!.values).toEqual(row);
      expect(s.features[name]!.texts).toEqual([name, ...row.map(sig)]);
    });
    expect(s.agreement).toBe(reply.agreement.summary);
    // Two waterfalls drawn as SVG, each with at least one bar per feature (plus rules and labels).
    for (const chart of s.charts) {
      expect(chart.svg, chart.id).toBe(true);
      expect(chart.bars, chart.id).toBeGreaterThanOrEqual(reply.features.length);
    }
  }

  it('shows both explanations of the picked penguins row, as the API computes them, and follows ◀ ▶ and the class', async () => {
    await page.goto(new URL('tabular', server.url).href);
    await page.selectOption('#tabular-dataset', 'penguins');
    expect(await page.$$eval('#tabular-class option', (os) => os.map((o) => o.textContent))).toEqual([
      'Adelie',
      'Chinstrap',
      'Gentoo',
    ]);
    await page.fill('#tabular-row', '7');
    await page.click('#tabular-run');
    const row7 = await shown('penguins', 0, 7);
    expectMatches(row7, await api({ dataset: 'penguins', class: 0, row: 7 }));
    await page.screenshot({ path: path.join(SHOTS, 'tabular-page.png'), fullPage: true });

    // ▶: the next row, other numbers.
    await page.click('#tabular-next');
    const row8 = await shown('penguins', 0, 8);
    expectMatches(row8, await api({ dataset: 'penguins', class: 0, row: 8 }));
    expect(row8.features).not.toEqual(row7.features);
    expect(row8.models['mlp']!.values).not.toEqual(row7.models['mlp']!.values);

    // Another class of the same row.
    await page.selectOption('#tabular-class', '2');
    const gentoo = await shown('penguins', 2, 8);
    expectMatches(gentoo, await api({ dataset: 'penguins', class: 2, row: 8 }));
    expect(gentoo.models['lr']!.values).not.toEqual(row8.models['lr']!.values);
  });

  it('shows the server’s message for a row out of range', async () => {
    const before = problems.length;
    await page.fill('#tabular-row', '342');
    await page.click('#tabular-run');
    await page.waitForSelector('#tabular-summary[data-state="error"]', { timeout: 30_000 });
    expect(await page.textContent('#tabular-summary')).toBe(
      'Error: row must be an integer in [0, 341] (the rows of penguins), got 342',
    );
    // The 400 is expected here: chromium logs it as a failed resource and the response listener records it.
    const expected = problems.splice(before);
    expect(expected.length).toBeGreaterThan(0);
    for (const p of expected) expect(p).toMatch(/400/);
  });

  it('had no console errors, failed requests or external requests', () => {
    expect(problems).toEqual([]);
  });
});
