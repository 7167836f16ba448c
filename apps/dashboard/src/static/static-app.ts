/** `createStaticApp`: a fixed list of static files (the vendor builds, the CSS, the client script) — no file paths from URLs. */
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { HttpError } from '../http-error.js';
import { MESSAGES } from '../messages.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { DASHBOARD_CSS } from './styles.js';
import { isVendorScript, vendorScriptPath } from './vendor-files.js';
import type { VendorScript } from './vendor-files.js';

const JS = 'text/javascript; charset=utf-8';

/**
 * Mounted at `/static`: `GET /dashboard.css`, `GET /dashboard.js`, `GET /vendor/<vega|vega-lite|vega-embed>.min.js`.
 * Vendor files are read once from node_modules and kept in memory. Any other name is a 404: the URL is looked
 * up in a fixed table, never joined onto a folder, so nothing can escape the static root.
 */
export function createStaticApp(): Hono {
  const app = new Hono();
  const vendor = new Map<VendorScript, Promise<Buffer>>();

  app.get('/dashboard.css', (c) =>
    c.body(DASHBOARD_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );
  app.get('/dashboard.js', (c) =>
    c.body(CLIENT_SCRIPT, 200, { 'Content-Type': JS, 'Cache-Control': 'no-cache' }),
  );
  app.get('/vendor/:name', async (c) => {
    const name = c.req.param('name');
    if (!isVendorScript(name)) throw new HttpError(404, MESSAGES.notFound(c.req.path), 'not-found');
    let bytes = vendor.get(name);
    if (bytes === undefined) {
      bytes = readFile(vendorScriptPath(name));
      vendor.set(name, bytes);
      bytes.catch(() => vendor.delete(name));
    }
    const body = await bytes;
    return c.body(new Uint8Array(body), 200, { 'Content-Type': JS, 'Cache-Control': 'public, max-age=3600' });
  });
  app.all('*', (c) => {
    throw new HttpError(404, MESSAGES.notFound(c.req.path), 'not-found');
  });
  return app;
}
