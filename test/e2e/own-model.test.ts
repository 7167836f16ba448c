/** Browser end-to-end: the "your model" page computes filters, actmax and attributions in Chromium as Node does. */
/// <reference lib="dom" />
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDashboard } from '@openbox/dashboard';
import type { RunningDashboard } from '@openbox/dashboard';
import { initBackend } from '@openbox/runtime';
import type { OwnModelResults } from '../../apps/dashboard/src/own-model/own-model-results.js';
import { openDashboardBrowser, SHOTS } from './browser.js';
import {
  MODEL_KINDS,
  nodeReference,
  relativeError,
  scaledError,
  SETTINGS,
  writeOwnModelFixture,
} from './own-model-fixture.js';
import type { NodeReference, OwnModelFixture } from './own-model-fixture.js';

/** The page's build script: run first, so the page under test is built from the sources under test. */
const BUILD_CLIENT = fileURLToPath(
  new URL('../../apps/dashboard/src/own-model/build-client.mjs', import.meta.url),
);

/**
 * ~10× the WebGL-vs-wasm error measured on the three models: integrated gradients and saliency ≤ 1.8e-7 of the
 * largest value (max |Δ| / max |Node|).
 */
const ATTRIBUTION_TOLERANCE = 2e-6;
/** ~10× the measured WebGL-vs-wasm error of activation maximization: ≤ 2.1e-7 (objective) and 1.8e-7 (images). */
const ACTMAX_TOLERANCE = 2e-6;

/** Drives the page like a person: pick the model files, wait for its layers, set the form, pick images, Compute. */
async function runPage(
  page: Page,
  url: string,
  fixture: OwnModelFixture,
  layer: string,
): Promise<OwnModelResults> {
  await page.goto(new URL('/own-model', url).href);
  await page.waitForSelector('#own-model-backend[data-backend]', { timeout: 60_000 });
  // 1. The model files: the page reads them (in its worker), then offers the layers with channels.
  await page.setInputFiles('#own-model-model-files', [...fixture.modelFiles]);
  await page.waitForSelector('#own-model-layer:not([disabled])', { timeout: 60_000 });
  await page.selectOption('#own-model-layer', layer);
  // 2. The settings and the images, then Compute.
  await page.selectOption('#own-model-scale', SETTINGS.scale);
  for (const key of ['channels', 'steps', 'seed', 'igSteps'] as const)
    await page.fill(`#own-model-${key}`, String(SETTINGS[key]));
  await page.setInputFiles('#own-model-image-files', [...fixture.imageFiles]);
  await page.click('#own-model-run');
  await page.waitForFunction(
    () =>
      document.getElementById('own-model-results') !== null ||
      document.getElementById('own-model-error')?.hidden === false,
    undefined,
    { timeout: 300_000 },
  );
  const error = await page.$eval('#own-model-error', (e) => ((e as HTMLElement).hidden ? '' : e.textContent));
  if (error) throw new Error(`the page reported: ${error}`);
  return JSON.parse((await page.textContent('#own-model-results')) ?? 'null') as OwnModelResults;
}

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [BUILD_CLIENT]);
  await initBackend();
}, 120_000);

describe.each(MODEL_KINDS)('"your model" page in a real browser, %s model', (kind) => {
  let fixture: OwnModelFixture;
  let reference: NodeReference;
  let resultsDir: string;
  let server: RunningDashboard;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  const requests: { url: string; method: string; body: string | null }[] = [];
  let results: OwnModelResults;

  beforeAll(async () => {
    fixture = await writeOwnModelFixture(kind);
    reference = await nodeReference(fixture);
    resultsDir = await mkdtemp(path.join(os.tmpdir(), 'openbox-own-model-results-'));
    server = await serveDashboard({ resultsDir, port: 0 });
    ({ browser, page, problems } = await openDashboardBrowser(server.url));
    page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() }));
    results = await runPage(page, server.url, fixture, reference.layer);
    await page.screenshot({ path: path.join(SHOTS, `own-model-${kind}.png`), fullPage: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fixture?.cleanup();
    if (resultsDir !== undefined) await rm(resultsDir, { recursive: true, force: true });
  });

  it('runs on WebGL (SwiftShader in headless Chromium) in float32, and says so', async () => {
    // Headless Chromium here exposes navigator.gpu in workers but gives no adapter: WebGPU is skipped with that reason.
    expect(results.backend).toEqual({
      name: 'webgl',
      skipped: [{ backend: 'webgpu', reason: 'navigator.gpu.requestAdapter() gave no adapter' }],
      floatPrecision: 32,
      // tfjs's WebGL epsilon; renderUnits fixes Adam's ε at 1e-7 so that it does not matter (see the actmax case).
      epsilon: 1e-4,
    });
    expect(await page.textContent('#own-model-backend')).toContain('TensorFlow.js backend: webgl');
    expect(results.model).toEqual({
      kind: kind === 'graph' ? 'graph' : 'layers',
      inputShape: [16, 16, 3],
      layers: reference.layerCount,
    });
  });

  it('offers the layers with channels, as Node lists them', async () => {
    const offered = await page.$$eval('#own-model-layer option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(offered).toEqual(reference.channelLayers);
  });

  it('nothing leaves the page: only GETs of the page and its scripts, to the dashboard, without a body', () => {
    expect(problems).toEqual([]);
    const paths = new Set(requests.map((r) => new URL(r.url).pathname));
    expect([...paths].sort()).toEqual(
      ['/own-model', '/static/dashboard.css', '/static/own-model-worker.js', '/static/own-model.js'].sort(),
    );
    for (const r of requests) {
      expect(r.url.startsWith(server.url)).toBe(true);
      expect(r.method).toBe('GET');
      expect(r.body).toBeNull();
    }
  });

  it('reads the images through the same pixel pipeline as Node (decode, channels, resize, scale): identical', () => {
    expect(results.images.map((i) => i.file)).toEqual(fixture.imageFiles.map((f) => path.basename(f)));
    expect(results.scale).toBe('0-1');
    // The same JS code (datasets' decodeImage / toChannels / resizeImage / scalePixels) on the same bytes.
    expect(results.inputs).toEqual(Array.from(reference.inputs));
  });

  it('shows the first layer filters exactly as stored (within 1e-6)', async () => {
    expect(results.filters?.layer).toBe(reference.filtersLayer);
    expect(results.filters?.shape).toEqual([...reference.filtersShape]);
    // Read from the weights, no arithmetic: measured 0 (the float32 values survive JSON exactly).
    expect(scaledError(results.filters!.kernel, reference.kernel)).toBeLessThanOrEqual(1e-6);
    expect(await page.locator('#own-model-filters canvas').count()).toBe(reference.filtersShape[3]);
  });

  it('predicts the same classes and attributes them as Node does, within 2e-6 of the largest value', async () => {
    expect(results.images.map((i) => i.predicted)).toEqual(reference.predicted);
    const [ig, sal] = results.attributions;
    expect(ig?.method).toBe('integrated-gradients');
    expect(sal?.method).toBe('saliency');
    expect(ig?.shape).toEqual([3, 16, 16, 3]);
    expect(results.integratedGradientsSteps).toBe(SETTINGS.igSteps);
    // WebGL (SwiftShader, float32, its own summation order) vs Node's wasm: max |Δ| / max |Node| measured 1.1e-7 to
    // 1.8e-7 for both methods on the three models; the bound is ~10× that.
    expect(relativeError(ig!.values, reference.integratedGradients)).toBeLessThan(ATTRIBUTION_TOLERANCE);
    expect(relativeError(sal!.values, reference.saliency)).toBeLessThan(ATTRIBUTION_TOLERANCE);
    expect(await page.locator('#own-model-attributions canvas').count()).toBe(3 * 3);
  });

  it('maximizes the chosen channels as Node does for the same seed and steps, within 2e-6', async () => {
    expect(results.actmax).toMatchObject({
      layer: reference.layer,
      channels: [0, 1, 2, 3],
      steps: SETTINGS.steps,
      seed: SETTINGS.seed,
      shape: [4, 16, 16, 3],
    });
    // Measured over the three models after 16 steps: the objective at step 1 (first transformed image, before any
    // update) ≤ 2.1e-7 relative, the final objective ≤ 9.7e-8 and the images ≤ 1.8e-7 (the sequential net after 32
    // steps: 2.4e-7 and 1.8e-7, no growth with steps). That holds because renderUnits fixes Adam's ε at 1e-7: with
    // tfjs's WebGL default ε = 1e-4 every step was smaller than on Node, and the images differed by 0.03 after one
    // step and 0.17 after eight.
    const first = results.actmax.curve.map((c) => c[0]!);
    expect(relativeError(first, reference.actmaxFirst)).toBeLessThan(ACTMAX_TOLERANCE);
    expect(relativeError(results.actmax.finalValues, reference.actmaxValues)).toBeLessThan(ACTMAX_TOLERANCE);
    expect(scaledError(results.actmax.images, reference.actmaxImages)).toBeLessThan(ACTMAX_TOLERANCE);
    expect(await page.locator('#own-model-actmax canvas').count()).toBe(4);
  });
});
