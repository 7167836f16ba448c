/** `serveDashboard`: the dashboard app on a real HTTP server (`@hono/node-server`'s request listener). */
import { createServer } from 'node:http';
import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createDashboardApp } from './create-dashboard-app.js';
import { resolveDashboardOptions } from './dashboard-options.js';
import type { DashboardOptions } from './dashboard-options.js';
import { MESSAGES } from './messages.js';
import { parseListenName } from './security/parse-host.js';
import { SECURITY_HEADERS, applySecurityHeaders } from './security/security-headers.js';

/** Options of `serveDashboard`: the app's options (`listen` is set from the bound address) plus where to listen. */
export interface ServeDashboardOptions extends Omit<DashboardOptions, 'listen'> {
  /** TCP port; 0 picks a free one. Default 8787. */
  readonly port?: number;
  /** Interface to bind. Default `'127.0.0.1'` (local only). Its name is allowed as a `Host`. */
  readonly hostname?: string;
}

/** A running dashboard. */
export interface RunningDashboard {
  /** e.g. `http://127.0.0.1:8787/` */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, closes idle ones, and resolves when the server is closed. */
  close(): Promise<void>;
}

/** Defaults of the listening options. */
export const SERVE_DEFAULTS = { port: 8787, hostname: '127.0.0.1' } as const satisfies Pick<
  Required<ServeDashboardOptions>,
  'port' | 'hostname'
>;

/** The answer to a request the HTTP layer cannot turn into a `Request` (bad Host header, URL): 400 JSON. */
function badRequest(): Response {
  const res = Response.json({ error: MESSAGES.badRequest, code: 'bad-request' }, { status: 400 });
  applySecurityHeaders(res.headers);
  return res;
}

/**
 * Starts the dashboard and resolves once it listens (rejects if the port is taken or an option is bad):
 * 1. check the options, then bind;
 * 2. build the app knowing the bound address (`listen`: its name is an allowed `Host`, and `Host` must
 *    carry its port) and hand requests to it; requests the HTTP layer rejects get a 400 with the security
 *    headers too.
 * @example const { url, close } = await serveDashboard({ resultsDir: 'results', port: 0 }); console.log(url)
 */
export async function serveDashboard(options: ServeDashboardOptions): Promise<RunningDashboard> {
  // 1. Options, then listen.
  const opts = { ...SERVE_DEFAULTS, ...options };
  resolveDashboardOptions(opts);
  let handle: RequestListener | undefined;
  // Node's own checks answer a bare 400 without our headers: a missing Host (HTTP/1.1 requires one) is refused here,
  // and a request the HTTP parser rejects (a control character in a header) gets the headers and a JSON error.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor >= 1) {
      const body = JSON.stringify({ error: MESSAGES.hostMissing, code: 'bad-request' });
      return void res
        .writeHead(400, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' })
        .end(body);
    }
    if (handle !== undefined) return void handle(req, res);
    res.writeHead(503, { ...SECURITY_HEADERS, 'Retry-After': '1' }).end();
  });
  server.on('clientError', (_error, socket) => {
    if (!socket.writable) return void socket.destroy();
    const body = JSON.stringify({ error: MESSAGES.badRequest, code: 'bad-request' });
    const head = Object.entries({ ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.end(
      `HTTP/1.1 400 Bad Request\r\n${head}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  const info = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.hostname, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
  // 2. The app on the bound address.
  let app;
  try {
    app = createDashboardApp({ ...opts, listen: { hostname: opts.hostname, port: info.port } });
  } catch (error) {
    server.close();
    throw error;
  }
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  handle = getRequestListener(app.fetch, {
    hostname: `${parseListenName(opts.hostname) ?? host}:${info.port}`,
    errorHandler: badRequest,
  }) as RequestListener;
  return {
    url: `http://${host}:${info.port}/`,
    port: info.port,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((err) => (err ? fail(err) : done()));
        server.closeIdleConnections();
      }),
  };
}
