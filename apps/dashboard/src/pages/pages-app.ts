/** `createPagesApp`: the server-rendered pages — overview, run picker, experiment, dataset and live pages. */
import { Hono } from 'hono';
import type { ExperimentResult, Manifest } from '@openbox/suite';
import { HttpError } from '../http-error.js';
import { MESSAGES } from '../messages.js';
import { queryInt } from '../query-int.js';
import { checkParam } from '../results/ids.js';
import type { ResultsStore } from '../results/results-store.js';
import { datasetPage } from './dataset-page.js';
import { datasetsOf } from './datasets.js';
import { experimentPage } from './experiment-page.js';
import { layout } from './layout.js';
import { livePage } from './live-page.js';
import type { DigitSource, LiveModelInfo } from '../live/live-types.js';
import { createOverviewCache } from './overview-cache.js';
import { emptyPage, overviewPage } from './overview-page.js';
import { runsPage } from './runs-page.js';
import { sendHtml } from './send-html.js';

/** Runs per page of `GET /runs`. */
export const RUNS_PER_PAGE = 50;

/** What the pages need to know about the live endpoint. */
export interface PagesLiveInfo {
  readonly enabled: boolean;
  readonly digits: number | null;
  /** Attribution methods the live model runs (the live page's select). Default none. */
  readonly methods?: readonly string[];
  /** The live model's input and classes, and its images (the live page's picker). Default the MNIST CNN. */
  readonly model?: LiveModelInfo;
  readonly images?: DigitSource;
}

/**
 * Routes: `GET /` (latest complete run), `GET /runs?page=` (picker, `RUNS_PER_PAGE` runs a page, newest
 * first; a bad `page` is a 400, one past the last a 404), `GET /runs/:runId`,
 * `GET /runs/:runId/experiments/:id`, `GET /runs/:runId/datasets/:dataset`, `GET /live`.
 */
export function createPagesApp(store: ResultsStore, live: PagesLiveInfo): Hono {
  const app = new Hono();
  const shell = { live: live.enabled };

  const manifestOf = async (runIdParam: string | undefined): Promise<Manifest> => {
    const runId = checkParam('runId', runIdParam);
    const m = await store.manifest(runId);
    if (m === undefined) throw new HttpError(404, MESSAGES.runNotFound(runId), 'not-found');
    return m;
  };
  const resultsOf = (m: Manifest): Promise<Map<string, ExperimentResult>> => store.results(m);
  const overviews = createOverviewCache();

  app.get('/', async (c) => {
    const runs = await store.listRuns();
    const latest = runs[0];
    const m = latest === undefined ? undefined : await store.manifest(latest.runId);
    if (m === undefined)
      return sendHtml(c, layout({ ...shell, title: 'No results' }, emptyPage(store.resultsDir)));
    const results = await resultsOf(m);
    const text = await overviews.get(m, results, runs.length, async () =>
      String(await layout({ ...shell, title: 'Latest run' }, overviewPage(m, results, runs.length))),
    );
    return c.html(text);
  });

  app.get('/runs', async (c) => {
    const page = queryInt(c, 'page', { min: 1, max: 999_999_999, fallback: 1 });
    const runs = await store.listRuns();
    const last = Math.max(1, Math.ceil(runs.length / RUNS_PER_PAGE));
    if (page > last) throw new HttpError(404, MESSAGES.pagePastEnd(page, last), 'not-found');
    const shown = runs.slice((page - 1) * RUNS_PER_PAGE, page * RUNS_PER_PAGE);
    return sendHtml(
      c,
      layout(
        { ...shell, title: 'Runs' },
        runsPage(shown, { page, perPage: RUNS_PER_PAGE, total: runs.length }),
      ),
    );
  });

  app.get('/runs/:runId', async (c) => {
    const m = await manifestOf(c.req.param('runId'));
    return sendHtml(
      c,
      layout({ ...shell, title: `Run ${m.runId}` }, overviewPage(m, await resultsOf(m), null)),
    );
  });

  app.get('/runs/:runId/experiments/:id', async (c) => {
    const m = await manifestOf(c.req.param('runId'));
    const id = checkParam('id', c.req.param('id'));
    const entry = m.experiments.find((e) => e.id === id);
    if (entry === undefined) throw new HttpError(404, MESSAGES.experimentNotFound(m.runId, id), 'not-found');
    const result = await store.result(m.runId, id);
    if (result === undefined && entry.status === 'ok')
      throw new HttpError(404, MESSAGES.experimentNotFound(m.runId, id), 'not-found');
    return sendHtml(
      c,
      layout({ ...shell, title: entry.title, charts: true }, experimentPage(m.runId, entry, result)),
    );
  });

  app.get('/runs/:runId/datasets/:dataset', async (c) => {
    const m = await manifestOf(c.req.param('runId'));
    const dataset = checkParam('dataset', c.req.param('dataset'));
    const results = [...(await resultsOf(m)).values()].filter((r) => datasetsOf(r).includes(dataset));
    if (results.length === 0)
      throw new HttpError(404, MESSAGES.datasetNotFound(m.runId, dataset), 'not-found');
    return sendHtml(
      c,
      layout({ ...shell, title: `Dataset ${dataset}`, charts: true }, datasetPage(m.runId, dataset, results)),
    );
  });

  app.get('/live', (c) =>
    sendHtml(
      c,
      layout(
        { ...shell, title: 'Live', charts: live.enabled },
        livePage(live.enabled, live.digits, live.methods, live.model, live.images),
      ),
    ),
  );

  return app;
}
