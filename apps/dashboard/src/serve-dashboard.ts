/** `serveDashboard`: the dashboard app on a real HTTP server (`@hono/node-server`). */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createDashboardApp } from './create-dashboard-app.js';
import type { DashboardOptions } from './dashboard-options.js';

/** Options of `serveDashboard`: the app's options plus where to listen. */
export interface ServeDashboardOptions extends DashboardOptions {
  /** TCP port; 0 picks a free one. Default 8787. */
  readonly port?: number;
  /** Interface to bind. Default `'127.0.0.1'` (local only). */
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

/**
 * Starts the dashboard and resolves once it listens (rejects if the port is taken).
 * @example const { url, close } = await serveDashboard({ resultsDir: 'results', port: 0 }); console.log(url)
 */
export function serveDashboard(options: ServeDashboardOptions): Promise<RunningDashboard> {
  const opts = { ...SERVE_DEFAULTS, ...options };
  const app = createDashboardApp(opts);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: opts.port, hostname: opts.hostname },
      (info: AddressInfo) => {
        server.off('error', reject);
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}/`,
          port: info.port,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((err) => (err ? fail(err) : done()));
              (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
