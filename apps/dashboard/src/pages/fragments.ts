/** HTML fragments used by several pages: run metadata, a metrics table, a chart figure, a verdict line. */
import { html } from 'hono/html';
import type { ChartEntry, Manifest } from '@openbox/suite';
import { countVerdicts } from '../results/results-store.js';
import { badge, formatMs, formatValue, urls } from './format.js';
import type { Html } from './layout.js';

/** Run id, date, backend, seed, budgets, total time and package versions. */
export function runMeta(m: Manifest): Html {
  const counts = countVerdicts(m);
  return html`<div class="meta" id="run-meta">
      <span>run <b>${m.runId}</b></span
      ><span>created <b>${m.createdAt}</b></span> <span>backend <b>${m.backend}</b></span
      ><span>seed <b>${m.seed}</b></span> <span>budgets <b>${m.quick ? 'quick' : 'full'}</b></span
      ><span>total <b>${formatMs(m.totalMs)}</b></span>
      ${Object.entries(m.versions).map(([k, v]) => html`<span>${k} <b>${v}</b></span>`)}
    </div>
    <div class="counts">
      ${(['holds', 'does-not-hold', 'not-applicable', 'failed'] as const)
        .filter((s) => counts[s] > 0)
        .map((s) => html`<span>${badge(s)} × ${counts[s]}</span>`)}
    </div>`;
}

/** A two-column table of metrics. */
export function metricsTable(metrics: readonly (readonly [string, number | string | boolean])[]): Html {
  if (metrics.length === 0) return html`<p class="muted small">No metrics.</p>`;
  return html`<table class="metrics">
    <thead>
      <tr>
        <th>metric</th>
        <th>value</th>
      </tr>
    </thead>
    <tbody>
      ${metrics.map(
        ([k, v]) =>
          html`<tr>
            <td>${k}</td>
            <td class="${typeof v === 'number' ? 'num' : ''}">${formatValue(v)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** A figure whose chart the client script fetches from the API and embeds. */
export function chartFigure(runId: string, experimentId: string, chart: ChartEntry): Html {
  return html`<figure>
    <figcaption>${chart.title}</figcaption>
    <div
      class="chart"
      data-chart-id="${chart.id}"
      data-chart-url="${urls.chartApi(runId, experimentId, chart.id)}"
    ></div>
  </figure>`;
}
