/** `createDashboardApp`: the dashboard as one Hono app composed of the pages, API, live and static sub-apps. */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { html } from 'hono/html';
import { bodyLimit } from 'hono/body-limit';
import { createApiApp } from './api/api-app.js';
import { resolveDashboardOptions } from './dashboard-options.js';
import type { DashboardOptions } from './dashboard-options.js';
import { HttpError } from './http-error.js';
import type { HttpErrorCode } from './http-error.js';
import { createLiveApp } from './live/live-app.js';
import { MESSAGES } from './messages.js';
import { createOwnModelApp } from './own-model/own-model-app.js';
import { layout } from './pages/layout.js';
import { createPagesApp } from './pages/pages-app.js';
import { sendHtml } from './pages/send-html.js';
import { createResultsStore } from './results/results-store.js';
import { crossSiteGuard } from './security/cross-site-guard.js';
import { hostAllowlist } from './security/host-allowlist.js';
import { createHostPolicy } from './security/host-policy.js';
import { securityHeaders } from './security/security-headers.js';
import { createStaticApp } from './static/static-app.js';
import { createTabularApp } from './tabular/tabular-app.js';
import { createTabularPageApp } from './tabular/tabular-page-app.js';
import { createTabularService } from './tabular/tabular-service.js';

/** True for the paths whose errors are JSON (`/api`, `/static`); pages get an HTML error page. */
const isMachinePath = (p: string): boolean =>
  p.startsWith('/api/') || p === '/api' || p.startsWith('/static/');

/**
 * Builds the app (no port opened; test it with `app.request()`):
 * 1. middleware, in order: security headers on every response (`SECURITY_HEADERS`: CSP, nosniff, DENY
 *    framing, no referrer, same-origin COOP/CORP), the `Host` allowlist (DNS rebinding → 403), the cross-site
 *    guard on every method but GET/HEAD (`Sec-Fetch-Site`, `Origin` → 403; non-JSON content type → 415), and
 *    a body limit on `/api/*` (413);
 * 2. sub-apps: `/` pages, `/api` results API, `/api/live` live model, `/static` fixed static files;
 *    `/api/tabular` and `/tabular` (+ its script `/static/tabular.js`): the tabular page, LR and an MLP on one row;
 * 3. errors: `HttpError`s become `{ error, code }` JSON on `/api` and `/static` (an HTML page elsewhere) with
 *    their status; anything else is a 500 without details; unknown routes are 404.
 * @example const app = createDashboardApp({ resultsDir: 'results' }); await app.request('/api/runs')
 */
export function createDashboardApp(options: DashboardOptions): Hono {
  // 1. Options, store, middleware.
  const opts = resolveDashboardOptions(options);
  const store = createResultsStore(opts.resultsDir);
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('*', hostAllowlist(createHostPolicy(opts.allowedHosts, opts.listen)));
  app.use('*', crossSiteGuard());
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: opts.maxBodyBytes,
      onError: (c) =>
        c.json({ error: MESSAGES.bodyTooLarge(opts.maxBodyBytes), code: 'body-too-large' }, 413),
    }),
  );
  // 2. Sub-apps (live before the API so `/api/live/*` is matched there).
  app.route('/api/live', createLiveApp(opts.live));
  const tabular = createTabularService();
  app.route('/api/tabular', createTabularApp(tabular));
  app.route('/api', createApiApp(store));
  app.route('/', createTabularPageApp(tabular, opts.live !== undefined));
  app.route('/', createOwnModelApp(opts.live !== undefined));
  app.route('/static', createStaticApp());
  app.route(
    '/',
    createPagesApp(store, {
      enabled: opts.live !== undefined,
      digits: opts.live?.digits?.count ?? null,
      methods: opts.live?.methods ?? [],
      ...(opts.live?.model === undefined ? {} : { model: opts.live.model }),
      ...(opts.live?.digits === undefined ? {} : { images: opts.live.digits }),
    }),
  );
  // 3. Errors and unknown routes.
  const fail = (c: Context, status: HttpError['status'], message: string, code: HttpErrorCode) =>
    isMachinePath(c.req.path)
      ? c.json({ error: message, code }, status)
      : sendHtml(
          c,
          layout(
            { title: `Error ${status}`, live: opts.live !== undefined },
            html`<h1>Error ${status}</h1>
              <p class="error" data-code="${code}">${message}</p>`,
          ),
          status,
        );
  app.notFound((c) => fail(c, 404, MESSAGES.notFound(c.req.path), 'not-found'));
  app.onError((err, c) => {
    if (err instanceof HttpError) return fail(c, err.status, err.message, err.code);
    console.error('[openbox dashboard]', err);
    return fail(c, 500, MESSAGES.internal, 'internal');
  });
  return app;
}
