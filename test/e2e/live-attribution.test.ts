/** Browser end-to-end: the live page's attribution overlay, on the reference CNN in its worker, in headless chromium. */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageGallery, objectiveCurves } from '@openbox/charts';
import { LIVE_METHODS, referenceLive, serveDashboard } from '@openbox/dashboard';
import type { RunningDashboard, WorkerLive } from '@openbox/dashboard';
import { defaultCacheDir } from '@openbox/runtime';
import { openDashboardBrowser, SHOTS } from './browser.js';

/** What a person sees of the overlay: the canvas's pixels as a data URL and how many distinct colours it has. */
interface Overlay {
  readonly url: string;
  readonly colours: number;
}

describe('live attribution in a real browser (reference CNN)', () => {
  let dir: string;
  let live: WorkerLive;
  let server: RunningDashboard;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    // An empty results folder: this test only needs the live page (no suite run, so it stays cheap).
    dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-e2e-live-'));
    live = await referenceLive(defaultCacheDir());
    server = await serveDashboard({ resultsDir: dir, port: 0, live });
    ({ browser, page, problems } = await openDashboardBrowser(server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await live?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Waits for the overlay of `method` and `target` (a class, or any for the predicted one), then reads it. */
  async function overlay(method: string, target?: number): Promise<Overlay> {
    await page.waitForFunction(
      ([m, t]) => {
        const c = document.querySelector<HTMLCanvasElement>('#live-attribution');
        return (
          c?.dataset['state'] === 'drawn' &&
          c.dataset['method'] === m &&
          (t === null || c.dataset['target'] === String(t)) &&
          document.querySelector<HTMLElement>('#live-summary')?.dataset['state'] === 'done'
        );
      },
      [method, target ?? null] as const,
      { timeout: 30_000 },
    );
    return page.$eval('#live-attribution', (el) => {
      const c = el as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4)
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return { url: c.toDataURL(), colours: colours.size };
    });
  }

  it('draws the overlay of the picked digit, redraws it for another class and another method', async () => {
    await page.goto(new URL('live', server.url).href);
    // The select lists the registry's live methods, in order; the target defaults to the predicted class.
    const options = await page.$$eval('#live-method option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(options).toEqual([...LIVE_METHODS]);
    expect(await page.inputValue('#live-target')).toBe('');
    const [first, second] = LIVE_METHODS;
    await page.fill('#live-index', '7');
    await page.click('#live-run');
    const predicted = await overlay(first!);
    // A heatmap over a digit, not a flat square: many colours (the digit's greys blended with the map).
    expect(predicted.colours).toBeGreaterThan(20);
    const prediction = Number(
      await page.$eval('#live-attribution', (c) => (c as HTMLElement).dataset['target']),
    );
    expect(await page.textContent('#live-attribution-caption')).toBe(`${first} for class ${prediction}`);
    await page.screenshot({ path: path.join(SHOTS, 'live-attribution.png'), fullPage: true });

    // Another class: the select recomputes, and the map is a different image.
    const other = (prediction + 1) % 10;
    await page.selectOption('#live-target', String(other));
    const ofOther = await overlay(first!, other);
    expect(ofOther.url).not.toBe(predicted.url);

    // Another method (the registry must offer at least two live methods).
    expect(second, `live methods: ${LIVE_METHODS.join(', ')}`).toBeDefined();
    await page.selectOption('#live-method', second!);
    const bySecond = await overlay(second!, other);
    expect(bySecond.url).not.toBe(ofOther.url);
    expect(bySecond.colours).toBeGreaterThan(20);
  });

  it('shows the server’s message for a digit index out of range and marks the overlay stale', async () => {
    const before = problems.length;
    // The form does not validate in the browser (novalidate): the server's check is the one shown.
    const last = Number(await page.getAttribute('#live-index', 'max'));
    await page.fill('#live-index', String(last + 1));
    await page.click('#live-run');
    await page.waitForSelector('#live-summary[data-state="error"]', { timeout: 30_000 });
    expect(await page.textContent('#live-summary')).toBe(`Error: index must be an integer in [0, ${last}]`);
    expect(await page.$eval('#live-attribution', (c) => (c as HTMLElement).dataset['state'])).toBe('stale');
    // The 400 is expected here: chromium logs it as a failed resource and the response listener records it.
    const expected = problems.splice(before);
    expect(expected.length).toBeGreaterThan(0);
    for (const p of expected) expect(p).toMatch(/400/);
  });

  it('draws attribution-experiment charts: a per-image-scale gallery of signed 28×28 maps and sanity curves', async () => {
    // The attribution experiments use the chart builders the other experiments use; this draws their
    // options (signed maps, one colour scale per image, no legend) with the page's own vega-embed.
    const map = (k: number) =>
      Array.from({ length: 28 }, (_, r) =>
        Array.from({ length: 28 }, (_, c) => Math.sin((r + 2 * c + k) / 5) * (k + 1)),
      );
    const specs = [
      imageGallery(
        Array.from({ length: 8 }, (_, k) => ({ label: `method ${k >> 2} #${k & 3}`, values: map(k) })),
        { title: 'Digits and attribution maps', columns: 4, cellSize: 4, sharedScale: false },
      ),
      objectiveCurves(
        ['saliency', 'guided-backprop'].map((unit, k) => ({
          unit,
          values: [1, 0.6 - 0.4 * k, 0.2 - 0.1 * k],
        })),
        { xTitle: 'layers redrawn (from the top; last = all)', yTitle: "mean Spearman's ρ of |Φ|" },
      ),
    ];
    const drawn = await page.evaluate(async (all) => {
      const embed = (
        window as unknown as { vegaEmbed: (el: HTMLElement, spec: unknown, o: unknown) => Promise<unknown> }
      ).vegaEmbed;
      const out: { rects: number; fills: number; lines: number }[] = [];
      for (const spec of all) {
        const el = document.createElement('div');
        document.body.append(el);
        await embed(el, spec, { actions: false, renderer: 'svg' });
        const rects = [...el.querySelectorAll('svg .role-mark > path')];
        out.push({
          rects: rects.length,
          fills: new Set(rects.map((r) => r.getAttribute('fill'))).size,
          lines: el.querySelectorAll('svg .role-mark > path[stroke]').length,
        });
        el.remove();
      }
      return out;
    }, specs);
    expect(drawn[0]!.rects).toBe(8 * 28 * 28);
    expect(drawn[0]!.fills).toBeGreaterThan(50);
    expect(drawn[1]!.lines).toBeGreaterThan(0);
  });

  it('had no console errors, failed requests or external requests', () => {
    expect(problems).toEqual([]);
  });
});
