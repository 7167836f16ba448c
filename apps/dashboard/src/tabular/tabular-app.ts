/** `createTabularApp`: the tabular page's API — `POST /explain` explains one row with LR and the MLP side by side. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpError } from '../http-error.js';
import { MESSAGES } from '../messages.js';
import { explainTabularRow } from './explain-row.js';
import { parseTabularRequest } from './parse-tabular-request.js';
import { TABULAR_MESSAGES } from './tabular-messages.js';
import type { TabularService } from './tabular-service.js';

/** Largest body `POST /explain` reads: `{ dataset, class, row }` is ~50 bytes. */
export const TABULAR_MAX_BODY_BYTES = 1024;

/**
 * Mounted at `/api/tabular` (before `/api`): `GET /datasets` lists the tables (rows, features, classes);
 * `POST /explain` takes `{ dataset, class, row }` and answers {@link TabularExplainReply}. The first request for a
 * table trains its MLP (seconds, on the server's thread; concurrent requests wait for the same training). Errors
 * follow the app's conventions: a bad body is a 400 `{ error, code: 'bad-request' }` naming the field, a body over
 * {@link TABULAR_MAX_BODY_BYTES} a 413, a non-JSON content type a 415 (the app's cross-site guard), a model that
 * fails a 500 without details (logged).
 * @example await app.request('/api/tabular/explain', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"dataset":"xor","class":1,"row":0}' })
 */
export function createTabularApp(service: TabularService): Hono {
  const app = new Hono();
  app.get('/datasets', (c) => c.json(service.info()));
  app.post(
    '/explain',
    bodyLimit({
      maxSize: TABULAR_MAX_BODY_BYTES,
      onError: (c) =>
        c.json({ error: MESSAGES.bodyTooLarge(TABULAR_MAX_BODY_BYTES), code: 'body-too-large' }, 413),
    }),
    async (c) => {
      // 1. A valid body.
      const body: unknown = await c.req.json().catch(() => {
        throw new HttpError(400, TABULAR_MESSAGES.tabularBadJson, 'bad-request');
      });
      const request = parseTabularRequest(body, service.table);
      // 2. The models (trained once per table) and the row's explanations.
      try {
        const models = await service.models(request.dataset);
        return c.json(explainTabularRow(models, request.class, request.row));
      } catch (error) {
        console.error(
          `[openbox dashboard] tabular ${request.dataset}: ${error instanceof Error ? error.message : String(error)}`,
        );
        throw new HttpError(500, TABULAR_MESSAGES.tabularFailed(request.dataset), 'internal');
      }
    },
  );
  return app;
}
