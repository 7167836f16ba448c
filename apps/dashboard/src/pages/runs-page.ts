/** `runsPage`: the run picker — one page of complete runs, newest first, with verdict counts and page links. */
import { html } from 'hono/html';
import type { RunSummary } from '../results/results-store.js';
import { badge, formatMs, urls } from './format.js';
import type { Html } from './layout.js';

/** Which page of how many runs is shown. */
export interface RunsPaging {
  /** 1-based. */
  readonly page: number;
  readonly perPage: number;
  /** Complete runs in the folder. */
  readonly total: number;
}

/** Previous / next links and "runs a–b of n" (nothing when everything fits on one page). */
function pager(p: RunsPaging, shown: number): Html {
  if (p.total <= p.perPage) return html``;
  const first = (p.page - 1) * p.perPage + 1;
  const last = Math.ceil(p.total / p.perPage);
  return html`<nav class="pager">
    ${p.page > 1 ? html`<a rel="prev" href="${urls.runsPage(p.page - 1)}">◀ newer</a>` : ''}
    <span>runs ${first}–${first + shown - 1} of ${p.total} (page ${p.page} of ${last})</span>
    ${p.page < last ? html`<a rel="next" href="${urls.runsPage(p.page + 1)}">older ▶</a>` : ''}
  </nav>`;
}

/** A table of the runs of one page, linking to each run's overview. */
export function runsPage(runs: readonly RunSummary[], paging: RunsPaging): Html {
  return html`<h1>Runs</h1>
    ${pager(paging, runs.length)}
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
    }
    ${pager(paging, runs.length)}`;
}
