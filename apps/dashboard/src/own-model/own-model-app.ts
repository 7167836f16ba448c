/** `createOwnModelApp`: `GET /own-model` (the "your model" page) and its two scripts under `/static/`. */
import { Hono } from 'hono';
import { layout } from '../pages/layout.js';
import { sendHtml } from '../pages/send-html.js';
import { OWN_MODEL_SCRIPTS, OWN_MODEL_SCRIPTS_DIR, scriptReader } from './client-bundle.js';
import type { OwnModelScript } from './client-bundle.js';
import { ownModelPage } from './own-model-page.js';

/**
 * Mounted at `/`, before the static sub-app (whose catch-all would answer 404 for the scripts): `GET /own-model`,
 * `GET /static/own-model.js` (the page) and `GET /static/own-model-worker.js` (TensorFlow.js), read from
 * `scriptsDir` (default: the dashboard's `dist/own-model/`). The page needs no server state: the model and images
 * never leave the browser. `live` shows the Live link in the nav.
 * @example app.route('/', createOwnModelApp(false));
 */
export function createOwnModelApp(live: boolean, scriptsDir = OWN_MODEL_SCRIPTS_DIR): Hono {
  const app = new Hono();
  const read = scriptReader(scriptsDir);
  app.get('/own-model', (c) => sendHtml(c, layout({ title: 'Your model', live }, ownModelPage())));
  for (const script of Object.keys(OWN_MODEL_SCRIPTS) as OwnModelScript[]) {
    app.get(`/static/${script}`, async (c) =>
      c.body(await read(script), 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'no-cache',
      }),
    );
  }
  return app;
}
