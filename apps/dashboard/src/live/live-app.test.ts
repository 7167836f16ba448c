import type { Hono } from 'hono';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDashboardApp } from '../create-dashboard-app.js';
import { fixtureDir } from '../test-helpers.js';
import { syntheticDigits, tinyCnn, tinyLr, useCpu } from '../test-live-helpers.js';
import { createLiveFunction } from './create-live-function.js';
import type { LiveFunction, LiveOptions } from './live-types.js';

const post = (app: Hono, body: unknown, raw = false) =>
  app.request('/api/live/digit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });

describe('POST /api/live/digit (real tfjs model)', () => {
  let ctx: Awaited<ReturnType<typeof fixtureDir>>;
  let predict: LiveFunction;
  let cleanupModel: () => void;
  const digits = syntheticDigits(100);
  const appWith = (live: Partial<LiveOptions> = {}) =>
    createDashboardApp({ resultsDir: ctx.dir, live: { predict, digits, ...live } });

  beforeAll(async () => {
    await useCpu();
    ctx = await fixtureDir();
    const cnn = tinyCnn();
    const { w, b } = tinyLr();
    predict = createLiveFunction({ cnn, lrWeights: w, lrBias: b });
    cleanupModel = () => {
      tf.dispose([w, b]);
      cnn.dispose();
    };
  });
  afterAll(async () => {
    cleanupModel();
    await ctx.cleanup();
  });

  it('answers probabilities, activations and LR scores for a test digit index, with its label and pixels', async () => {
    const res = await post(appWith(), { index: 7 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & {
      probabilities: number[];
      pixels: number[];
    };
    expect(body['index']).toBe(7);
    expect(body['label']).toBe(7);
    expect(body.probabilities).toHaveLength(10);
    expect(body['prediction']).toBe(body.probabilities.indexOf(Math.max(...body.probabilities)));
    expect(body['lrScores']).toHaveLength(10);
    expect(body['activations']).toEqual([
      expect.objectContaining({ layer: 'conv', values: expect.any(Array) }),
    ]);
    expect(body.pixels).toHaveLength(784);
  });

  it('accepts raw pixels and gives the same answer as the index of the same digit', async () => {
    const app = appWith();
    const pixels = Array.from(digits.get(3).pixels);
    const byPixels = (await (await post(app, { pixels })).json()) as {
      probabilities: number[];
      label: unknown;
    };
    const byIndex = (await (await post(app, { index: 3 })).json()) as { probabilities: number[] };
    expect(byPixels.label).toBeNull();
    byPixels.probabilities.forEach((p, k) => expect(p).toBeCloseTo(byIndex.probabilities[k]!, 6));
  });

  it.each([
    ['not JSON', '{"index": ', 'body must be JSON'],
    ['an array', [1, 2], 'body must be JSON'],
    ['neither key', {}, 'exactly one of "index" or "pixels"'],
    ['both keys', { index: 1, pixels: [] }, 'exactly one of "index" or "pixels"'],
    ['a negative index', { index: -1 }, 'index must be an integer in [0, 99]'],
    ['an index past the end', { index: 100 }, 'index must be an integer in [0, 99]'],
    ['a fractional index', { index: 1.5 }, 'index must be an integer in [0, 99]'],
    ['a string index', { index: '3' }, 'index must be an integer in [0, 99]'],
    ['too few pixels', { pixels: [0.5] }, 'pixels must be an array of 784 numbers, got 1'],
    ['pixels not an array', { pixels: 'abc' }, 'pixels must be an array of 784 numbers, got 0'],
    [
      'a pixel above 1',
      { pixels: [...new Array(783).fill(0), 2] },
      'pixels[783] must be a finite number in [0, 1]',
    ],
    [
      'a null (NaN) pixel',
      { pixels: [null, ...new Array(783).fill(0)] },
      'pixels[0] must be a finite number in [0, 1]',
    ],
    [
      'a string pixel',
      { pixels: ['0.5', ...new Array(783).fill(0)] },
      'pixels[0] must be a finite number in [0, 1]',
    ],
  ])('answers 400 for %s', async (_name, body, message) => {
    const res = await post(appWith(), body, typeof body === 'string');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });

  it('answers 400 for an index when the server has no digits', async () => {
    const res = await post(createDashboardApp({ resultsDir: ctx.dir, live: { predict } }), { index: 0 });
    expect(res.status).toBe(400);
  });

  it('answers 501 without a live model', async () => {
    const res = await post(createDashboardApp({ resultsDir: ctx.dir }), { index: 0 });
    expect(res.status).toBe(501);
    expect(((await res.json()) as { error: string }).error).toContain('not configured');
  });

  /** A predict that waits for `open()` before computing, so tests control when jobs finish (no timing races). */
  const gated = () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let running = 0;
    let maxRunning = 0;
    const fn: LiveFunction = async (x) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await gate;
      const r = await predict(x);
      running -= 1;
      return r;
    };
    return { fn, open: () => open(), maxRunning: () => maxRunning };
  };

  it('queues requests one at a time, answers 503 when the queue is full, and keeps serving other routes', async () => {
    const g = gated();
    const app = appWith({ predict: g.fn, maxQueue: 2 });
    const inflight = Array.from({ length: 5 }, (_, i) => post(app, { index: i }));
    const info = async () =>
      (await (await app.request('/api/live/info')).json()) as { busy: boolean; waiting: number };
    await vi.waitFor(async () => expect(await info()).toMatchObject({ busy: true, waiting: 2 }));
    // Two requests over the limit are refused at once, while the others wait.
    const refused = await Promise.race([
      Promise.all(inflight.slice(3)),
      new Promise((r) => setTimeout(r, 5000, 'timeout')),
    ]);
    expect((refused as Response[]).map((r) => r.status)).toEqual([503, 503]);
    // While the queue is blocked, the API still answers.
    const runs = await app.request('/api/runs');
    expect(runs.status).toBe(200);
    g.open();
    const statuses = (await Promise.all(inflight)).map((r) => r.status);
    expect(statuses).toEqual([200, 200, 200, 503, 503]);
    expect(g.maxRunning()).toBe(1);
    expect((await post(app, { index: 0 })).status).toBe(200);
    expect(await info()).toMatchObject({ busy: false, waiting: 0 });
  });

  it('answers 503 with Retry-After when full', async () => {
    const g = gated();
    const app = appWith({ predict: g.fn, maxQueue: 0 });
    const first = post(app, { index: 0 });
    await vi.waitFor(async () =>
      expect(((await (await app.request('/api/live/info')).json()) as { busy: boolean }).busy).toBe(true),
    );
    const second = await post(app, { index: 1 });
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('1');
    g.open();
    expect((await first).status).toBe(200);
  });

  it('answers 504 when the computation exceeds timeoutMs, and frees the queue when it finishes', async () => {
    const app = appWith({
      predict: async (x) => (await new Promise((d) => setTimeout(d, 150)), predict(x)),
      timeoutMs: 20,
      maxQueue: 0,
    });
    const res = await post(app, { index: 0 });
    expect(res.status).toBe(504);
    await new Promise((d) => setTimeout(d, 200));
    const info = (await (await app.request('/api/live/info')).json()) as { busy: boolean };
    expect(info.busy).toBe(false);
  });

  it('answers 500 (not junk) when the model returns something malformed', async () => {
    const app = appWith({ predict: async () => ({ probabilities: [NaN], activations: [], lrScores: [] }) });
    const res = await post(app, { index: 0 });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: string }).error).toContain(
      'probabilities must be 10 finite numbers',
    );
  });

  it('leaks no tensors across requests', async () => {
    const app = appWith();
    await post(app, { index: 0 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) expect((await post(app, { index: i })).status).toBe(200);
    expect(tf.memory().numTensors).toBe(before);
  });
});
