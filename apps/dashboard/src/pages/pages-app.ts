/** `createPagesApp`: the server-rendered pages — overview, run picker, experiment, dataset and live pages. */
import { Hono } from 'hono';
import type { ExperimentResult, Manifest } from '@openbox/suite';
import { HttpError } from '../http-error.js';
import { MESSAGES } from '../messages.js';
import { checkParam } from '../results/ids.js';
import type { ResultsStore } from '../results/results-store.js';
import { datasetPage } from './dataset-page.js';
import { datasetsOf } from './datasets.js';
import { experimentPage } from './experiment-page.js';
import { layout } from './layout.js';
import { livePage } from './live-page.js';
import { emptyPage, overviewPage } from './overview-page.js';
import { runsPage } from './runs-page.js';

/** What the pages need to know about the live endpoint. */
export interface PagesLiveInfo {
  readonly enabled: boolean;
  readonly digits: number | null;
}

/**
 * Routes: `GET /` (latest complete run), `GET /runs` (picker), `GET /runs/:runId`,
 * `GET /runs/:runId/experiments/:id`, `GET /runs/:runId/datasets/:dataset`, `GET /live`.
 */
export function createPagesApp(store: ResultsStore, live: PagesLiveInfo): Hono {
  const app = new Hono();
  const shell = { live: live.enabled };

  const manifestOf = async (runIdParam: string | undefined): Promise<Manifest> => {
    const runId = checkParam('runId', runIdParam);
    const m = await store.manifest(runId);
    if (m === undefined) throw new HttpError(404, MESSAGES.runNotFound(runId));
    return m;
  };
  const resultsOf = async (m: Manifest): Promise<Map<string, ExperimentResult>> => {
    const entries = await Promise.all(
      m.experiments.map(async (e) => [e.id, await store.result(m.runId, e.id)] as const),
    );
    return new Map(entries.filter((e): e is readonly [string, ExperimentResult] => e[1] !== undefined));
  };

  app.get('/', async (c) => {
    const [latest] = await store.listRuns();
    const m = latest === undefined ? undefined : await store.manifest(latest.runId);
    if (m === undefined)
      return c.html(layout({ ...shell, title: 'No results' }, emptyPage(store.resultsDir)));
    return c.html(layout({ ...shell, title: 'Latest run' }, overviewPage(m, await resultsOf(m), true)));
  });

  app.get('/runs', async (c) =>
    c.html(layout({ ...shell, title: 'Runs' }, runsPage(await store.listRuns()))),
  );

  app.get('/runs/:runId', async (c) => {
    const m = await manifestOf(c.req.param('runId'));
    return c.html(layout({ ...shell, title: `Run ${m.runId}` }, overviewPage(m, await resultsOf(m), false)));
  });

  app.get('/runs/:runId/experiments/:id', async (c) => {
    const m = await manifestOf(c.req.param('runId'));
    const id = checkParam('id', c.req.param('id'));
    const entry = m.experiments.find((e) => e.id === id);
    if (entry === undefined) throw new HttpError(404, MESSAGES.experimentNotFound(m.runId, id));
    const result = await store.result(m.runId, id);
    if (result === undefined && entry.status === 'ok')
      throw new HttpError(404, MESSAGES.experimentNotFound(m.runId, id));
    return c.html(
      layout({ ...shell, title: entry.title, charts: true }, experimentPage(m.runId, entry, result)),
    );
  });

  app.get('/runs/:runId/datasets/:dataset', async (c) => {
    const m = await manifestOf(c.req.param('runId'));
    const dataset = checkParam('dataset', c.req.param('dataset'));
    const results = [...(await resultsOf(m)).values()].filter((r) => datasetsOf(r).includes(dataset));
    if (results.length === 0) throw new HttpError(404, MESSAGES.datasetNotFound(m.runId, dataset));
    return c.html(
      layout({ ...shell, title: `Dataset ${dataset}`, charts: true }, datasetPage(m.runId, dataset, results)),
    );
  });

  app.get('/live', (c) =>
    c.html(layout({ ...shell, title: 'Live', charts: live.enabled }, livePage(live.enabled, live.digits))),
  );

  return app;
}
