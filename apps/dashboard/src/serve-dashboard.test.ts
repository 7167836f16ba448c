import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureRun } from './fixtures/write-fixture-run.js';
import { serveDashboard } from './serve-dashboard.js';
import type { RunningDashboard } from './serve-dashboard.js';
import { fixtureDir } from './test-helpers.js';

interface Raw {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A raw request that sends the path and headers exactly as given (no client-side normalization). */
function raw(
  url: string,
  rawPath: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Raw> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname,
        port,
        path: rawPath,
        method: init.method ?? 'GET',
        headers: init.headers,
        setHost: !init.headers?.['host'],
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
const rawGet = (url: string, rawPath: string) => raw(url, rawPath);

describe('serveDashboard (real HTTP server)', () => {
  let ctx: Awaited<ReturnType<typeof fixtureDir>>;
  let server: RunningDashboard;
  beforeAll(async () => {
    ctx = await fixtureDir();
    server = await serveDashboard({ resultsDir: ctx.dir, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await ctx.cleanup();
  });

  it('listens on 127.0.0.1 on a free port and serves the API', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.port).toBeGreaterThan(0);
    const res = await fetch(new URL('api/runs', server.url));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { runs: unknown[] }).runs).toHaveLength(1);
  });

  it.each([
    '/api/runs/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/api/runs/..%2f..%2f..%2fetc%2fpasswd',
    '/api/runs/%252e%252e%252f/experiments/x',
    '/static/..%5c..%5cpackage.json',
    '/static/vendor/../../../../package.json',
    '//etc/passwd',
  ])('does not escape on a raw request to %s', async (p) => {
    const { status, body } = await rawGet(server.url, p);
    expect([400, 404]).toContain(status);
    expect(body).not.toMatch(/root:|"dependencies"/);
  });

  it('keeps serving the latest complete run while a newer one is being written', async () => {
    const writing = writeFixtureRun(ctx.dir, {
      runId: 'being-written',
      createdAt: '2030-01-01T00:00:00.000Z',
      withoutManifest: true,
    });
    const pages = await Promise.all(Array.from({ length: 5 }, () => fetch(server.url).then((r) => r.text())));
    await writing;
    for (const page of pages) expect(page).toContain(ctx.run.runId);
    expect(await fetch(new URL('api/runs/being-written', server.url)).then((r) => r.status)).toBe(404);
  });

  it.each([
    // [what, path, init, status, code]
    ['its own address', '/api/runs', {}, 200, undefined],
    ['localhost on its port', '/api/runs', { headers: { host: `localhost:PORT` } }, 200, undefined],
    ['a rebinding name', '/api/runs', { headers: { host: 'evil.example:PORT' } }, 403, 'host-not-allowed'],
    ['a rebinding name, page', '/', { headers: { host: 'evil.example:PORT' } }, 403, undefined],
    ['loopback on another port', '/api/runs', { headers: { host: '127.0.0.1:1' } }, 403, 'host-not-allowed'],
    [
      'loopback without a port (80)',
      '/api/runs',
      { headers: { host: '127.0.0.1' } },
      403,
      'host-not-allowed',
    ],
    ['an absolute-form target to another host', 'http://evil.example/api/runs', {}, 403, 'host-not-allowed'],
    ['a Host the HTTP layer cannot parse', '/api/runs', { headers: { host: 'a b' } }, 400, 'bad-request'],
    [
      'a cross-site text/plain POST',
      '/api/live/digit',
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
        body: '{"index":0}',
      },
      403,
      'origin-not-allowed',
    ],
    [
      'a same-origin JSON POST (no live model here: 501)',
      '/api/live/digit',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'ORIGIN' },
        body: '{"index":0}',
      },
      501,
      'live-disabled',
    ],
    ['an unknown route', '/nope', {}, 404, undefined],
  ] as const)('%s → %i, with the security headers', async (_what, path, init, status, code) => {
    const port = String(server.port);
    const headers = Object.fromEntries(
      Object.entries((init as { headers?: Record<string, string> }).headers ?? {}).map(([k, v]) => [
        k,
        v.replace('PORT', port).replace('ORIGIN', server.url.replace(/\/$/, '')),
      ]),
    );
    const res = await raw(server.url, path, { ...init, headers });
    expect(res.status).toBe(status);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    if (code !== undefined) expect((JSON.parse(res.body) as { code: string }).code).toBe(code);
  });

  it('answers to allowedHosts on any port, and to the listen name', async () => {
    const other = await serveDashboard({
      resultsDir: ctx.dir,
      port: 0,
      hostname: 'localhost',
      allowedHosts: ['dash.example.org'],
    });
    try {
      const get = (host: string) => raw(other.url, '/api/runs', { headers: { host } }).then((r) => r.status);
      expect(await get('dash.example.org')).toBe(200);
      expect(await get('dash.example.org:443')).toBe(200);
      expect(await get(`localhost:${other.port}`)).toBe(200);
      expect(await get('other.example.org')).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('rejects a bad option before listening', async () => {
    await expect(
      serveDashboard({ resultsDir: ctx.dir, port: 0, allowedHosts: ['http://x'] }),
    ).rejects.toThrow('createDashboardApp: options.allowedHosts[0] must be a host name or IP address');
  });

  it('rejects when the port is taken', async () => {
    await expect(serveDashboard({ resultsDir: ctx.dir, port: server.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
