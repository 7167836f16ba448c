/** `datasetPage`: everything a run measured on one tabular dataset, across experiments. */
import { html } from 'hono/html';
import type { ExperimentResult } from '@openbox/suite';
import { datasetSlice } from './datasets.js';
import { badge, urls } from './format.js';
import { chartFigure, metricsTable } from './fragments.js';
import type { Html } from './layout.js';

/** One section per experiment covering `dataset`: its verdict, its charts and metrics for that dataset. */
export function datasetPage(runId: string, dataset: string, results: readonly ExperimentResult[]): Html {
  return html`<p class="small"><a href="${urls.run(runId)}">← run ${runId}</a></p>
    <h1>Dataset: ${dataset}</h1>
    ${results.map((r) => {
      const slice = datasetSlice(r, dataset);
      return html`<section class="dataset-experiment" data-experiment-id="${r.id}">
        <h2><a href="${urls.experiment(runId, r.id)}">${r.title}</a> ${badge(r.verdict.status)}</h2>
        <p class="claim">${r.claim}</p>
        <div class="figures">${slice.charts.map((c) => chartFigure(runId, r.id, c))}</div>
        ${metricsTable(slice.metrics)}
      </section>`;
    })}`;
}
