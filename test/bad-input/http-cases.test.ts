/**
 * Bad HTTP requests to a real `openbox serve` process (the built CLI, `--no-live`, a fixture results folder): hosts
 * that are not this server (DNS rebinding), cross-site POSTs, wrong content types, oversized bodies, path tricks and
 * bad query parameters. Each gets its status and error code, a JSON or HTML error that names what is wrong, the
 * security headers, and an answer within a time bound.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureRun } from '@openbox/dashboard/fixtures';
import { CLI } from './run-cli.js';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  readonly ms: number;
}

/** One raw HTTP/1.1 request with exactly these headers (the Host header included). */
function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The same over a raw socket, for requests Node's client refuses to send (control characters in a header). */
function sendRaw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const entries = lines.map((l) => [
        l.slice(0, l.indexOf(':')).toLowerCase(),
        l.slice(l.indexOf(':') + 1).trim(),
      ]);
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers: Object.fromEntries(entries),
        body: rest.join('\r\n\r\n'),
        ms: performance.now() - started,
      });
    });
    const lines = Object.entries({
      ...headers,
      Connection: 'close',
      'Content-Length': String(Buffer.byteLength(body)),
    }).map(([k, v]) => `${k}: ${v}`);
    socket.end(`${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`);
  });
}

interface HttpCase {
  /** Send over a raw socket (the request is one Node's HTTP client would refuse to write). */
  readonly raw?: boolean;
  readonly name: string;
  readonly method?: string;
  readonly path: string;
  /** Headers besides Host (Host defaults to this server's 127.0.0.1:<port>). */
  readonly headers?: Record<string, string>;
  /** `null` leaves the Host header out entirely. */
  readonly host?: string | null;
  readonly body?: string;
  readonly status: number;
  /** The `code` of the JSON error body (API routes), when one is expected. */
  readonly code?: string;
  /** Each must appear in the body. */
  readonly mentions?: readonly string[];
}

const json = { 'Content-Type': 'application/json' };
const big = JSON.stringify({ index: 1, pad: 'x'.repeat(70 * 1024) });

const CASES: readonly HttpCase[] = [
  // Hosts: only loopback names, the listen address and --allowed-host names.
  {
    name: 'Host evil.example (DNS rebinding)',
    path: '/',
    host: 'evil.example',
    status: 403,
    mentions: ['evil.example', '--allowed-host'],
  },
  {
    name: 'Host evil.example on the API',
    path: '/api/runs',
    host: 'evil.example:8787',
    status: 403,
    code: 'host-not-allowed',
  },
  {
    name: 'Host 127.0.0.1 on another port',
    path: '/api/runs',
    host: '127.0.0.1:1',
    status: 403,
    code: 'host-not-allowed',
  },
  {
    name: 'Host localhost on another port',
    path: '/api/runs',
    host: 'localhost:1',
    status: 403,
    code: 'host-not-allowed',
  },
  { name: 'Host 10.0.0.1', path: '/api/runs', host: '10.0.0.1', status: 403, code: 'host-not-allowed' },
  {
    name: 'Host with an ANSI escape',
    path: '/api/runs',
    host: 'a\u001b[31m.example',
    status: 400,
    raw: true,
  },
  { name: 'Host with a NUL', path: '/api/runs', host: 'a\u0000.example', status: 400, raw: true },
  { name: 'a request line with a raw control character', path: '/api/\u0001runs', status: 400, raw: true },
  { name: 'Host with user info', path: '/api/runs', host: 'user@evil.example', status: 400 },
  { name: 'Host missing', path: '/api/runs', host: null, status: 400 },
  {
    name: 'Host localhost.evil.example (suffix trick)',
    path: '/api/runs',
    host: 'localhost.evil.example',
    status: 403,
    code: 'host-not-allowed',
  },
  {
    name: 'Host 127.0.0.1.evil.example',
    path: '/api/runs',
    host: '127.0.0.1.evil.example',
    status: 403,
    code: 'host-not-allowed',
  },
  // Cross-site writes: JSON only, same origin only.
  {
    name: 'POST text/plain (a "simple" cross-site request)',
    method: 'POST',
    path: '/api/live/digit',
    headers: { 'Content-Type': 'text/plain' },
    body: '{"index":1}',
    status: 415,
    code: 'unsupported-media-type',
  },
  {
    name: 'POST form-urlencoded',
    method: 'POST',
    path: '/api/live/digit',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'index=1',
    status: 415,
    code: 'unsupported-media-type',
  },
  {
    name: 'POST multipart',
    method: 'POST',
    path: '/api/live/digit',
    headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
    body: '--x--',
    status: 415,
    code: 'unsupported-media-type',
  },
  {
    name: 'POST without a content type',
    method: 'POST',
    path: '/api/live/digit',
    body: '{"index":1}',
    status: 415,
    code: 'unsupported-media-type',
  },
  {
    name: 'POST JSON from another origin',
    method: 'POST',
    path: '/api/live/digit',
    headers: { ...json, Origin: 'http://evil.example' },
    body: '{"index":1}',
    status: 403,
    code: 'origin-not-allowed',
  },
  {
    name: 'POST JSON with Origin null',
    method: 'POST',
    path: '/api/live/digit',
    headers: { ...json, Origin: 'null' },
    body: '{"index":1}',
    status: 403,
    code: 'origin-not-allowed',
  },
  {
    name: 'POST JSON marked cross-site',
    method: 'POST',
    path: '/api/live/digit',
    headers: { ...json, 'Sec-Fetch-Site': 'cross-site' },
    body: '{"index":1}',
    status: 403,
    code: 'cross-site',
  },
  {
    name: 'PUT text/plain',
    method: 'PUT',
    path: '/api/runs',
    headers: { 'Content-Type': 'text/plain' },
    body: 'x',
    status: 415,
    code: 'unsupported-media-type',
  },
  { name: 'DELETE a run', method: 'DELETE', path: '/api/runs/x', headers: json, status: 404 },
  {
    name: 'POST same-origin JSON with live off',
    method: 'POST',
    path: '/api/live/digit',
    headers: json,
    body: '{"index":1}',
    status: 501,
    code: 'live-disabled',
  },
  {
    name: 'POST a body over the limit',
    method: 'POST',
    path: '/api/live/digit',
    headers: json,
    body: big,
    status: 413,
    code: 'body-too-large',
  },
  // Path tricks.
  { name: 'run id ../ (encoded)', path: '/api/runs/..%2F..%2Fetc', status: 400 },
  {
    name: 'artifact ../../ (encoded)',
    path: '/api/runs/RUN/experiments/first-layer-filters/artifacts/..%2F..%2Fmanifest.json',
    status: 400,
  },
  {
    name: 'artifact with a NUL',
    path: '/api/runs/RUN/experiments/first-layer-filters/artifacts/a%00.png',
    status: 400,
  },
  { name: 'unknown run', path: '/api/runs/2020-01-01T00-00-00Z-seed0', status: 404, code: 'not-found' },
  { name: 'unknown experiment', path: '/api/runs/RUN/experiments/nope', status: 404, code: 'not-found' },
  {
    name: 'artifact that is a FIFO (replaced after the run)',
    path: '/api/runs/RUN/experiments/first-layer-filters/artifacts/digit.png',
    status: 404,
    code: 'not-found',
    mentions: ['not a regular file'],
  },
  { name: 'unknown static file', path: '/static/vendor/..%2F..%2Fpackage.json', status: 404 },
  { name: 'unknown page with markup in the path', path: '/%3Cscript%3Ealert(1)%3C%2Fscript%3E', status: 404 },
  // Query parameters.
  { name: 'limit -1', path: '/api/runs?limit=-1', status: 400, code: 'bad-query', mentions: ['limit'] },
  { name: 'limit abc', path: '/api/runs?limit=abc', status: 400, code: 'bad-query', mentions: ['limit'] },
  {
    name: 'limit 1e9',
    path: '/api/runs?limit=1000000000',
    status: 400,
    code: 'bad-query',
    mentions: ['limit'],
  },
  { name: 'offset 1.5', path: '/api/runs?offset=1.5', status: 400, code: 'bad-query', mentions: ['offset'] },
  { name: 'runs page 0', path: '/runs?page=0', status: 400, mentions: ['page'] },
  { name: 'runs page past the end', path: '/runs?page=99', status: 404 },
];

const REQUIRED_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

let child: ChildProcess;
let port: number;
let runId: string;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openbox-bad-http-'));
  runId = (await writeFixtureRun(dir)).runId;
  const png = join(dir, runId, 'first-layer-filters', 'digit.png');
  rmSync(png);
  execFileSync('mkfifo', [png]);
  child = spawn(
    process.execPath,
    [CLI, 'serve', '--no-live', '--port', '0', '--results', dir, '--allowed-host', 'dash.lan'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`openbox serve exited with ${code}`)));
  });
}, 60_000);
afterAll(() => {
  child?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('bad HTTP requests to openbox serve', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const host = c.host === undefined ? `127.0.0.1:${port}` : c.host;
    const headers = { ...(host === null ? {} : { Host: host }), ...c.headers };
    const reply = await (c.raw ? sendRaw : send)(
      port,
      c.method ?? 'GET',
      c.path.replace('RUN', runId),
      headers,
      c.body,
    );
    const said = `${reply.status} in ${Math.round(reply.ms)} ms: ${reply.body.slice(0, 400)}`;
    expect(reply.status, said).toBe(c.status);
    if (c.code !== undefined) expect(JSON.parse(reply.body), said).toMatchObject({ code: c.code });
    for (const m of c.mentions ?? []) expect(reply.body, said).toContain(m);
    for (const [name, value] of Object.entries(REQUIRED_HEADERS))
      expect(reply.headers[name], `${name}: ${said}`).toBe(value);
    expect(String(reply.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(reply.body).not.toMatch(/\u001b|<script>alert/);
    expect(reply.body).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(reply.ms, said).toBeLessThan(2000);
  });

  it.each([
    ['localhost', () => `localhost:${port}`],
    ['127.0.0.1', () => `127.0.0.1:${port}`],
    ['an --allowed-host name', () => 'dash.lan'],
    ['an --allowed-host name with a port', () => `dash.lan:${port}`],
  ])('serves the run list for Host %s (the control: good requests still work)', async (_name, host) => {
    const reply = await send(port, 'GET', '/api/runs', { Host: host() });
    expect(reply.status, reply.body).toBe(200);
    expect((JSON.parse(reply.body) as { runs: { runId: string }[] }).runs.map((r) => r.runId)).toEqual([
      runId,
    ]);
  });
});
