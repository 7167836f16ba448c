/** `createTabularPageApp`: `GET /tabular` (the side-by-side page) and `GET /static/tabular.js` (its script). */
import { Hono } from 'hono';
import { layout } from '../pages/layout.js';
import { sendHtml } from '../pages/send-html.js';
import { TABULAR_CLIENT_URL, tabularPage } from '../pages/tabular-page.js';
import { TABULAR_CLIENT_SCRIPT } from '../static/tabular-client.js';
import type { TabularService } from './tabular-service.js';

/**
 * Mounted at `/`, before the static sub-app (whose catch-all would answer 404 for the script). The page loads the
 * vendor scripts (`charts: true`) and its own script; `live` shows the Live link in the nav.
 * @example app.route('/', createTabularPageApp(service, false));
 */
export function createTabularPageApp(service: TabularService, live: boolean): Hono {
  const app = new Hono();
  app.get('/tabular', (c) =>
    sendHtml(c, layout({ title: 'Tabular', live, charts: true }, tabularPage(service.info()))),
  );
  app.get(TABULAR_CLIENT_URL, (c) =>
    c.body(TABULAR_CLIENT_SCRIPT, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    }),
  );
  return app;
}
