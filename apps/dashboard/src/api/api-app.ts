/** `createApiApp`: the JSON API over a results store — runs, manifests, results, chart specs, artifacts. */
import { readRegularFile, SafeIoError } from '@openbox/safe-io';
import { Hono } from 'hono';
import { HttpError } from '../http-error.js';
import { evidenceChart } from './evidence-chart.js';
import { jsonBody } from './json-body.js';
import { MESSAGES } from '../messages.js';
import { queryInt } from '../query-int.js';
import { checkParam } from '../results/ids.js';
import type { ResultsStore } from '../results/results-store.js';

/** Largest artifact served; the suite's PNGs are tens of kilobytes. */
const MAX_ARTIFACT_BYTES = 32 * 1024 * 1024;

/** Paging of `GET /api/runs`: `?limit=` (1–500, default 50) and `?offset=` (0 or more, default 0). */
export const RUNS_PAGING = {
  limit: { min: 1, max: 500, fallback: 50 },
  offset: { min: 0, max: 999_999_999, fallback: 0 },
} as const;

/**
 * Routes (ids checked against the results-format patterns, 400 when malformed, 404 when unknown):
 * `GET /runs?limit=&offset=` (`{ runs, total, limit, offset }`: summaries newest first, one page of them; a
 * bad `limit`/`offset` is a 400 naming it), `GET /runs/:runId` (manifest), `GET /runs/:runId/experiments/:id`
 * (result), `GET …/charts/:chartId` (the Vega-Lite spec), `GET …/evidence/:index` (the spec of the verdict's
 * comparison number `index` with its controls, built by `evidenceChart`), `GET …/artifacts/:file` (a declared PNG).
 */
export function createApiApp(store: ResultsStore): Hono {
  const app = new Hono();

  const loadManifest = async (runIdParam: string | undefined) => {
    const runId = checkParam('runId', runIdParam);
    const manifest = await store.manifest(runId);
    if (manifest === undefined) throw new HttpError(404, MESSAGES.runNotFound(runId), 'not-found');
    return manifest;
  };
  const loadResult = async (runIdParam: string | undefined, idParam: string | undefined) => {
    const runId = checkParam('runId', runIdParam);
    const id = checkParam('id', idParam);
    const result = await store.result(runId, id);
    if (result === undefined) {
      await loadManifest(runId);
      throw new HttpError(404, MESSAGES.experimentNotFound(runId, id), 'not-found');
    }
    return result;
  };

  app.get('/runs', async (c) => {
    const limit = queryInt(c, 'limit', RUNS_PAGING.limit);
    const offset = queryInt(c, 'offset', RUNS_PAGING.offset);
    const all = await store.listRuns();
    return c.json({ runs: all.slice(offset, offset + limit), total: all.length, limit, offset });
  });
  app.get('/runs/:runId', async (c) => jsonBody(c, await loadManifest(c.req.param('runId'))));
  app.get('/runs/:runId/experiments/:id', async (c) =>
    jsonBody(c, await loadResult(c.req.param('runId'), c.req.param('id'))),
  );

  app.get('/runs/:runId/experiments/:id/charts/:chartId', async (c) => {
    const chartId = checkParam('chartId', c.req.param('chartId'));
    const result = await loadResult(c.req.param('runId'), c.req.param('id'));
    const chart = result.charts.find((ch) => ch.id === chartId);
    if (chart === undefined)
      throw new HttpError(404, MESSAGES.chartNotFound(result.id, chartId), 'not-found');
    return jsonBody(c, chart.spec);
  });

  app.get('/runs/:runId/experiments/:id/evidence/:index', async (c) => {
    const index = Number(checkParam('evidenceIndex', c.req.param('index')));
    const result = await loadResult(c.req.param('runId'), c.req.param('id'));
    const evidence = result.verdict.evidence ?? [];
    const entry = evidence[index];
    if (entry === undefined)
      throw new HttpError(404, MESSAGES.evidenceNotFound(result.id, index, evidence.length), 'not-found');
    return jsonBody(c, evidenceChart(entry));
  });

  app.get('/runs/:runId/experiments/:id/artifacts/:file', async (c) => {
    const file = checkParam('file', c.req.param('file'));
    const result = await loadResult(c.req.param('runId'), c.req.param('id'));
    const runId = c.req.param('runId');
    const artifact = await store.artifact(runId, result.id, file);
    if (artifact === undefined)
      throw new HttpError(404, MESSAGES.artifactNotFound(result.id, file), 'not-found');
    // Regular files only, capped: an artifact replaced by a FIFO, a device link or a huge file is refused.
    const bytes = await readRegularFile(artifact.path, {
      maxBytes: MAX_ARTIFACT_BYTES,
      what: 'artifact',
    }).catch((error: unknown) => {
      if (error instanceof SafeIoError)
        throw new HttpError(404, MESSAGES.artifactUnreadable(result.id, file), 'not-found');
      throw error;
    });
    return c.body(bytes, 200, {
      'Content-Type': artifact.mediaType,
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': 'no-cache',
    });
  });

  return app;
}
