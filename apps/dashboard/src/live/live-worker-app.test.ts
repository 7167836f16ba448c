import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDashboardApp } from '../create-dashboard-app.js';
import { createFixtureWorkerLive } from '../fixtures/fixture-worker-live.js';
import { fixtureDir } from '../test-helpers.js';
import type { WorkerLive } from './create-worker-live.js';

const post = (app: Hono, body: unknown) =>
  app.request('/api/live/digit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const info = async (app: Hono) =>
  (await (await app.request('/api/live/info')).json()) as { busy: boolean; waiting: number };

/** How long `/` may take while the live queue is full (it takes ~10 ms alone; the model blocks 300 ms a call). */
const PAGE_BOUND_MS = 250;

describe('the live endpoint on a worker thread (fixture CNN)', () => {
  let ctx: Awaited<ReturnType<typeof fixtureDir>>;
  let slow: WorkerLive;
  let stuck: WorkerLive;
  beforeAll(async () => {
    ctx = await fixtureDir();
    slow = createFixtureWorkerLive({ busyMs: 300 });
    stuck = createFixtureWorkerLive({ stallMs: 30_000 });
    await Promise.all([slow.ready(), stuck.ready()]);
  });
  afterAll(async () => {
    await Promise.all([slow.close(), stuck.close()]);
    await ctx.cleanup();
  });

  it(`serves / within ${PAGE_BOUND_MS} ms while 20 live requests wait behind a running one`, async () => {
    const app = createDashboardApp({ resultsDir: ctx.dir, live: { ...slow, maxQueue: 20 } });
    expect((await app.request('/')).status).toBe(200); // warm the store
    const flood = Array.from({ length: 21 }, (_, i) => post(app, { index: i }));
    await vi.waitFor(async () => expect(await info(app)).toEqual(expect.objectContaining({ waiting: 20 })), {
      timeout: 5000,
    });
    const over = await post(app, { index: 0 });
    expect(over.status).toBe(503);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await app.request('/');
      times.push(performance.now() - t0);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`data-experiment-id="unimodality"`);
    }
    expect(Math.max(...times)).toBeLessThan(PAGE_BOUND_MS);
    expect((await info(app)).waiting).toBeGreaterThanOrEqual(15); // still queued while we measured
    // Drain: stop the worker; the queued requests fail fast (500, one log line each) instead of taking 6 s.
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await slow.close();
    const replies = await Promise.all(flood);
    expect(log).toHaveBeenCalledWith('[openbox dashboard] live model: the live model worker was closed');
    log.mockRestore();
    const statuses = replies.map((r) => r.status);
    const failed = replies.find((r) => r.status === 500);
    expect(await failed?.json()).toEqual({
      error: 'the live model failed on this digit; see the server log',
      code: 'live-failed',
    });
    expect(statuses.every((s) => s === 200 || s === 500)).toBe(true);
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThanOrEqual(15);
  });

  it('answers 504 on a stuck computation, restarts the worker, and the next request gets 200', async () => {
    const app = createDashboardApp({ resultsDir: ctx.dir, live: { ...stuck, timeoutMs: 300 } });
    const restarts = stuck.restarts;
    const stall = [1, ...new Array(783).fill(0)];
    const t0 = performance.now();
    const res = await post(app, { pixels: stall });
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({
      error: 'live computation took longer than 300 ms',
      code: 'live-timeout',
    });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(stuck.restarts).toBe(restarts + 1);
    expect(await info(app)).toEqual(expect.objectContaining({ busy: false, waiting: 0 }));
    // The fresh worker loads in ~2 s; a request waiting for it answers when it is ready.
    const next = await createDashboardApp({ resultsDir: ctx.dir, live: stuck }).request('/api/live/digit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ index: 3 }),
    });
    expect(next.status).toBe(200);
    expect(((await next.json()) as { label: number }).label).toBe(3);
  });
});
