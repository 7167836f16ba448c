/**
 * `experimentPage`: one experiment — claim, verdict (with its margins over the controls), the trained value against
 * its controls, metrics, its Vega charts and its PNG artifacts.
 */
import { html } from 'hono/html';
import type { ExperimentResult, ManifestExperiment } from '@openbox/suite';
import { datasetsOf } from './datasets.js';
import { badge, formatMs, urls } from './format.js';
import { evidenceCharts, evidenceSummary } from './evidence.js';
import { chartFigure, metricsTable } from './fragments.js';
import type { Html } from './layout.js';

/** The page of an experiment of run `runId`; `result` is undefined when it failed (its error is shown). */
export function experimentPage(
  runId: string,
  entry: ManifestExperiment,
  result: ExperimentResult | undefined,
): Html {
  const back = html`<p class="small"><a href="${urls.run(runId)}">← run ${runId}</a></p>`;
  if (result === undefined) {
    return html`${back}
      <h1>${entry.title}</h1>
      <p class="claim">${entry.claim}</p>
      <p>${badge('failed')}</p>
      <pre class="error" id="experiment-error">${entry.error ?? 'no result was written'}</pre>`;
  }
  const datasets = datasetsOf(result);
  return html`${back}
    <h1>${result.title}</h1>
    <p class="claim"><b>Claim.</b> ${result.claim}</p>
    <p id="verdict">
      ${badge(result.verdict.status)} ${result.verdict.reason}
      <span class="muted small">(${formatMs(entry.durationMs)})</span>
    </p>
    ${evidenceSummary(result.verdict.evidence)}
    ${datasets.length > 0 ? html`<p class="small">Datasets: ${datasets.map((d) => html`<a href="${urls.dataset(runId, d)}">${d}</a> `)}</p>` : ''}
    ${evidenceCharts(runId, result.id, result.verdict.evidence)}
    ${
      result.charts.length > 0
        ? html`<h2>Charts</h2>
            <div class="figures" id="charts">
              ${result.charts.map((c) => chartFigure(runId, result.id, c))}
            </div>`
        : ''
    }
    ${
      result.artifacts.length > 0
        ? html`<h2>Images</h2>
            <div class="figures" id="artifacts">
              ${result.artifacts.map(
                (a) =>
                  html`<figure>
                    <figcaption>${a.title}</figcaption>
                    <img src="${urls.artifactApi(runId, result.id, a.file)}" alt="${a.title}" />
                  </figure>`,
              )}
            </div>`
        : ''
    }
    <h2>Metrics</h2>
    ${metricsTable(Object.entries(result.metrics))}`;
}
