import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApp } from '../create-dashboard-app.js';
import { fixtureDir } from '../test-helpers.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers.js';

const EXPECTED = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('security headers', () => {
  let ctx: Awaited<ReturnType<typeof fixtureDir>>;
  let app: Hono;
  let noLive: Hono;
  beforeAll(async () => {
    ctx = await fixtureDir();
    const live = {
      predict: async () => ({
        probabilities: [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0],
        lrScores: new Array(10).fill(0),
        activations: [],
      }),
      digits: { count: 1, get: () => ({ pixels: new Float32Array(784) }) },
    };
    app = createDashboardApp({ resultsDir: ctx.dir, live, maxBodyBytes: 1024 });
    noLive = createDashboardApp({ resultsDir: ctx.dir });
  });
  afterAll(() => ctx.cleanup());

  it('the policy keeps what vega needs and forbids framing, plugins and <base>', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "form-action 'self'; frame-ancestors 'none'",
    );
    expect(Object.keys(SECURITY_HEADERS)).toHaveLength(6);
  });

  const RUN = '2026-11-25T21-00-00Z-seed0';
  it.each([
    // [kind, path, init, status]
    ['overview page', '/', undefined, 200],
    ['run picker', '/runs', undefined, 200],
    ['run picker, bad page', '/runs?page=x', undefined, 400],
    ['experiment page', `/runs/${RUN}/experiments/unimodality`, undefined, 200],
    ['live page', '/live', undefined, 200],
    ['page 404', '/no/such/page', undefined, 404],
    ['page 400', '/runs/%252e%252e', undefined, 400],
    ['HEAD of a page', '/', { method: 'HEAD' }, 200],
    ['API list', '/api/runs', undefined, 200],
    ['API list, bad limit', '/api/runs?limit=0', undefined, 400],
    ['API manifest', `/api/runs/${RUN}`, undefined, 200],
    ['API chart spec', `/api/runs/${RUN}/experiments/unimodality/charts/objective`, undefined, 200],
    [
      'API artifact (PNG)',
      `/api/runs/${RUN}/experiments/first-layer-filters/artifacts/digit.png`,
      undefined,
      200,
    ],
    ['API 404', '/api/runs/nope', undefined, 404],
    ['API 400', '/api/runs/.hidden', undefined, 400],
    ['API unknown route', '/api/nothing', undefined, 404],
    ['static CSS', '/static/dashboard.css', undefined, 200],
    ['static client script', '/static/dashboard.js', undefined, 200],
    ['static vendor script', '/static/vendor/vega-embed.min.js', undefined, 200],
    ['static 404', '/static/nope.js', undefined, 404],
    ['live info', '/api/live/info', undefined, 200],
    ['live answer', '/api/live/digit', json({ index: 0 }), 200],
    ['live 400', '/api/live/digit', json({ index: 5 }), 400],
    ['live 413', '/api/live/digit', json({ pixels: new Array(784).fill(0.123456) }), 413],
    [
      'live 415',
      '/api/live/digit',
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' },
      415,
    ],
    ['cross-site 403', '/api/live/digit', json({ index: 0 }, { origin: 'https://evil.example' }), 403],
    ['host 403', '/api/runs', { headers: { host: 'evil.example' } }, 403],
    ['host 403 on a page', '/', { headers: { host: 'evil.example' } }, 403],
  ] as const)('%s (%s) → %i with every header', async (_kind, path, init, status) => {
    const res = await app.request(path, init as RequestInit | undefined);
    expect(res.status).toBe(status);
    for (const [name, value] of Object.entries(EXPECTED)) expect(res.headers.get(name), name).toBe(value);
  });

  it('a 501 (no live model) and a 500 (a throwing handler) carry them too', async () => {
    const off = await noLive.request('/api/live/digit', json({ index: 0 }));
    expect(off.status).toBe(501);
    const broken = createDashboardApp({
      resultsDir: ctx.dir,
      live: { predict: async () => ({ probabilities: [NaN], lrScores: [], activations: [] }) },
    });
    const bad = await broken.request('/api/live/digit', json({ pixels: new Array(784).fill(0) }));
    expect(bad.status).toBe(500);
    for (const res of [off, bad])
      for (const [name, value] of Object.entries(EXPECTED)) expect(res.headers.get(name), name).toBe(value);
  });
});
