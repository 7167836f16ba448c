import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureRun } from './fixtures/write-fixture-run.js';
import { serveDashboard } from './serve-dashboard.js';
import type { RunningDashboard } from './serve-dashboard.js';
import { fixtureDir } from './test-helpers.js';

/** A raw GET that sends the path exactly as given (no client-side normalization). */
function rawGet(url: string, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

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

  it('rejects when the port is taken', async () => {
    await expect(serveDashboard({ resultsDir: ctx.dir, port: server.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
