/** Browser end-to-end: the live page's attribution overlay, on the reference CNN and on a user's RGB model, each in its worker, in headless chromium. */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageGallery, objectiveCurves } from '@openbox/charts';
import { LIVE_METHODS, liveMethodsFor, referenceLive, serveDashboard, userLive } from '@openbox/dashboard';
import type { RunningDashboard, WorkerLive } from '@openbox/dashboard';
import { makePatternImages } from '@openbox/datasets';
import { defaultCacheDir, initBackend, saveModel } from '@openbox/runtime';
// @openbox/testing is not a dependency of this package (no install in this change): its sources, by path.
import { functionalRgbNet } from '@openbox/testing';
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

describe('live page on a user model and images in a real browser (functional RGB 64×64)', () => {
  const CLASSES = ['horizontal', 'vertical'];
  const data = makePatternImages({ n: 8, size: 64, seed: 0, channels: 3 });
  const files = Array.from(
    { length: 8 },
    (_, i) => `${CLASSES[data.target[i]!]}/${String(i).padStart(2, '0')}.png`,
  );
  let dir: string;
  let live: WorkerLive;
  let server: RunningDashboard;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-e2e-user-live-'));
    await initBackend();
    const model = functionalRgbNet({ size: 64, seed: 4 });
    await saveModel(model, path.join(dir, 'model'));
    model.dispose();
    live = await userLive({
      modelPath: path.join(dir, 'model', 'model.json'),
      kind: 'layers',
      model: {
        inputShape: [64, 64, 3],
        classNames: CLASSES,
        lrTemplates: false,
        description: 'the test net',
      },
      images: { pixels: data.features, count: 8, labels: Array.from(data.target), files },
      scale: '0-1',
    });
    server = await serveDashboard({ resultsDir: dir, port: 0, live });
    ({ browser, page, problems } = await openDashboardBrowser(server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await live?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('picks an image by file, shows it in colour, names the classes and draws a 64×64 map over it', async () => {
    await page.goto(new URL('live', server.url).href);
    expect(await page.textContent('h1')).toBe('Live: your model on your images');
    expect(await page.isVisible('#live-no-lr')).toBe(true);
    const listed = await page.$$eval('#live-image option', (os) => os.map((o) => o.textContent));
    expect(listed).toEqual(files.map((f, i) => `${i}: ${f} (${CLASSES[data.target[i]!]})`));
    const methods = await page.$$eval('#live-method option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(methods).toEqual([...liveMethodsFor('layers')]);
    const classes = await page.$$eval('#live-target option', (os) => os.map((o) => o.textContent));
    expect(classes).toEqual(['predicted', ...CLASSES]);
    // Picking a file computes it: the index follows, the summary names the file and the predicted class.
    await page.selectOption('#live-image', '5');
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('#live-summary')?.dataset['state'] === 'done' &&
        document.querySelector<HTMLCanvasElement>('#live-attribution')?.dataset['state'] === 'drawn',
      undefined,
      { timeout: 60_000 },
    );
    expect(await page.inputValue('#live-index')).toBe('5');
    const summary = (await page.textContent('#live-summary')) ?? '';
    expect(summary).toMatch(
      new RegExp(
        `^${files[5]}: the model predicts (horizontal|vertical) \\(p = [01]\\.\\d{3}\\), label ${CLASSES[data.target[5]!]} — `,
      ),
    );
    const target = await page.$eval('#live-attribution', (c) => (c as HTMLElement).dataset['target']);
    expect(await page.textContent('#live-attribution-caption')).toBe(
      `${methods[0]} for class ${CLASSES[Number(target)]}`,
    );
    // The picture is painted in colour (not one rect per pixel), the overlay is a heatmap over it.
    const picture = await page.$eval('#live-image-canvas', (el) => {
      const c = el as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let coloured = 0;
      for (let i = 0; i < d.length; i += 4)
        if (Math.max(d[i]!, d[i + 1]!, d[i + 2]!) - Math.min(d[i]!, d[i + 1]!, d[i + 2]!) > 40) coloured++;
      return { width: c.width, height: c.height, coloured };
    });
    expect([picture.width, picture.height]).toEqual([224, 224]);
    expect(picture.coloured).toBeGreaterThan(0);
    const overlay = await page.$eval('#live-attribution', (el) => {
      const c = el as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < d.length; i += 4) colours.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      return { width: c.width, height: c.height, colours: colours.size };
    });
    expect([overlay.width, overlay.height]).toEqual([224, 224]);
    expect(overlay.colours).toBeGreaterThan(20);
    expect(await page.textContent('#live-attribution-legend')).toMatch(/^64×64 map, channels summed; /);
    await page.screenshot({ path: path.join(SHOTS, 'live-user-model.png'), fullPage: true });
  });

  it('had no console errors, failed requests or external requests', () => {
    expect(problems).toEqual([]);
  });
});
