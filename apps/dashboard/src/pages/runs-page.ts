/** `runsPage`: the run picker — every complete run, newest first, with its verdict counts. */
import { html } from 'hono/html';
import type { RunSummary } from '../results/results-store.js';
import { badge, formatMs, urls } from './format.js';
import type { Html } from './layout.js';

/** A table of runs linking to each run's overview. */
export function runsPage(runs: readonly RunSummary[]): Html {
  return html`<h1>Runs</h1>
    ${
      runs.length === 0
        ? html`<p class="empty">No complete run yet.</p>`
        : html`<table id="runs">
            <thead>
              <tr>
                <th>run</th>
                <th>created</th>
                <th>backend</th>
                <th>seed</th>
                <th>budgets</th>
                <th>time</th>
                <th>verdicts</th>
              </tr>
            </thead>
            <tbody>
              ${runs.map(
                (r) =>
                  html`<tr>
                    <td><a href="${urls.run(r.runId)}">${r.runId}</a></td>
                    <td>${r.createdAt}</td>
                    <td>${r.backend}</td>
                    <td class="num">${r.seed}</td>
                    <td>${r.quick ? 'quick' : 'full'}</td>
                    <td class="num">${formatMs(r.totalMs)}</td>
                    <td>
                      ${(['holds', 'does-not-hold', 'not-applicable', 'failed'] as const)
                        .filter((s) => r.counts[s] > 0)
                        .map((s) => html`${badge(s)} ${r.counts[s]} `)}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
}
