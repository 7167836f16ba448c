import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApp } from '../create-dashboard-app.js';
import type { LiveFunction } from '../live/live-types.js';
import { fixtureDir } from '../test-helpers.js';

/** A live model that counts its calls (it must never run for a refused request). */
const counting = () => {
  let calls = 0;
  const predict: LiveFunction = async () => {
    calls += 1;
    return {
      probabilities: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      lrScores: new Array(10).fill(0),
      activations: [],
    };
  };
  return { predict, calls: () => calls };
};

const ORIGIN = 'http://127.0.0.1:8787';
const BODY = JSON.stringify({ index: 0 });

describe('cross-site guard on state-changing requests', () => {
  let ctx: Awaited<ReturnType<typeof fixtureDir>>;
  let app: Hono;
  let model: ReturnType<typeof counting>;
  beforeAll(async () => {
    ctx = await fixtureDir();
    model = counting();
    app = createDashboardApp({
      resultsDir: ctx.dir,
      live: { predict: model.predict, digits: { count: 1, get: () => ({ pixels: new Float32Array(784) }) } },
      listen: { hostname: '127.0.0.1', port: 8787 },
    });
  });
  afterAll(() => ctx.cleanup());

  const send = (headers: Record<string, string>, method = 'POST', path = '/api/live/digit') =>
    app.request(`${ORIGIN}${path}`, {
      method,
      headers: { host: '127.0.0.1:8787', ...headers },
      ...(method === 'GET' || method === 'HEAD' ? {} : { body: BODY }),
    });

  it.each([
    // [what, headers, status, code]
    ['same-origin JSON', { 'content-type': 'application/json', origin: ORIGIN }, 200, undefined],
    [
      'JSON with charset, no Origin (curl)',
      { 'content-type': 'application/json; charset=utf-8' },
      200,
      undefined,
    ],
    [
      'Sec-Fetch-Site: same-origin',
      { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      200,
      undefined,
    ],
    [
      'a simple CORS text/plain POST from another site',
      { 'content-type': 'text/plain', origin: 'https://evil.example' },
      403,
      'origin-not-allowed',
    ],
    ['text/plain without Origin', { 'content-type': 'text/plain' }, 415, 'unsupported-media-type'],
    ['a form post', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported-media-type'],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, 415, 'unsupported-media-type'],
    ['no content type', {}, 415, 'unsupported-media-type'],
    ['application/json-seq', { 'content-type': 'application/json-seq' }, 415, 'unsupported-media-type'],
    ['text/json', { 'content-type': 'text/json' }, 415, 'unsupported-media-type'],
    [
      'Sec-Fetch-Site: cross-site',
      { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      403,
      'cross-site',
    ],
    [
      'Sec-Fetch-Site: same-site',
      { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' },
      403,
      'cross-site',
    ],
    [
      'Origin: null (sandboxed frame)',
      { 'content-type': 'application/json', origin: 'null' },
      403,
      'origin-not-allowed',
    ],
    [
      'another port on localhost',
      { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000' },
      403,
      'origin-not-allowed',
    ],
    [
      'another loopback name',
      { 'content-type': 'application/json', origin: 'http://localhost:8787' },
      403,
      'origin-not-allowed',
    ],
    [
      'a rebinding name',
      { 'content-type': 'application/json', origin: 'http://evil.example:8787' },
      403,
      'origin-not-allowed',
    ],
    [
      'an origin with a path',
      { 'content-type': 'application/json', origin: `${ORIGIN}/x` },
      403,
      'origin-not-allowed',
    ],
    [
      'a non-http scheme',
      { 'content-type': 'application/json', origin: 'file://127.0.0.1:8787' },
      403,
      'origin-not-allowed',
    ],
  ] as const)('%s → %i', async (_what, headers, status, code) => {
    const before = model.calls();
    const res = await send(headers);
    expect(res.status).toBe(status);
    if (code === undefined) {
      expect(model.calls()).toBe(before + 1);
    } else {
      expect(((await res.json()) as { code: string }).code).toBe(code);
      expect(model.calls()).toBe(before);
    }
  });

  it('names the method, the value and what is expected', async () => {
    expect(await (await send({ 'content-type': 'text/plain' })).json()).toEqual({
      error: 'POST requests must have Content-Type: application/json, got "text/plain"',
      code: 'unsupported-media-type',
    });
    expect(
      await (await send({ 'content-type': 'application/json', origin: 'https://evil.example' })).json(),
    ).toEqual({
      error:
        'POST refused: Origin "https://evil.example" is not this dashboard\'s origin (host "127.0.0.1:8787")',
      code: 'origin-not-allowed',
    });
    expect(
      await (await send({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' })).json(),
    ).toEqual({
      error:
        'POST refused: cross-site request (Sec-Fetch-Site: "cross-site"); use the dashboard\'s own pages',
      code: 'cross-site',
    });
  });

  it.each([
    ['PUT', '/api/runs', 415],
    ['DELETE', '/api/runs', 415],
    ['PATCH', '/', 415],
    ['OPTIONS', '/api/live/digit', 415],
  ])('checks %s too (%s without a JSON type → %i)', async (method, path, status) => {
    const res = await send({}, method, path);
    expect(res.status).toBe(status);
  });

  it.each([
    ['PUT', '/api/runs'],
    ['DELETE', '/api/runs'],
    ['OPTIONS', '/api/live/digit'],
  ])(
    'a same-origin JSON %s %s reaches routing and is a 404 (no such route, no CORS grant)',
    async (method, path) => {
      const res = await send({ 'content-type': 'application/json', origin: ORIGIN }, method, path);
      expect(res.status).toBe(404);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it.each([['GET'], ['HEAD']])(
    'lets %s through without a content type, even cross-site (read-only)',
    async (method) => {
      const res = await send(
        { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
        method,
        '/api/runs',
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it('refuses a cross-site POST before reading its body (no 413 for a huge one, no model call)', async () => {
    const before = model.calls();
    const res = await app.request(`${ORIGIN}/api/live/digit`, {
      method: 'POST',
      headers: { host: '127.0.0.1:8787', 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: 'x'.repeat(200 * 1024),
    });
    expect(res.status).toBe(403);
    expect(model.calls()).toBe(before);
  });
});
