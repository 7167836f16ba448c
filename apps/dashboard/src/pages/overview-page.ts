/**
 * `overviewPage`: a run at a glance — metadata, then every experiment with its claim, verdict, its margins over the
 * controls and highlights.
 */
import { html } from 'hono/html';
import type { ExperimentResult, Manifest } from '@openbox/suite';
import { datasetsOf } from './datasets.js';
import { badge, formatMs, formatValue, urls } from './format.js';
import { marginList } from './evidence.js';
import { runMeta } from './fragments.js';
import type { Html } from './layout.js';

/** How many metrics a card shows. */
const HIGHLIGHTS = 4;

/**
 * The overview of one run. `results` maps experiment ids to their results (missing for failed experiments or
 * unreadable files). `latestOf` (the number of complete runs) marks this as the newest one and links the
 * others; `null` on a run's own page.
 */
export function overviewPage(
  m: Manifest,
  results: ReadonlyMap<string, ExperimentResult>,
  latestOf: number | null,
): Html {
  const datasets = [...new Set([...results.values()].flatMap(datasetsOf))].sort();
  return html`<h1>${latestOf !== null ? 'Latest run' : 'Run'}: what did the networks learn?</h1>
    ${
      latestOf !== null && latestOf > 1
        ? html`<p class="muted" id="run-count">
            The newest of ${latestOf} complete runs; <a href="/runs">see them all</a>.
          </p>`
        : ''
    }
    ${runMeta(m)}
    ${
      datasets.length > 0
        ? html`<p id="datasets">
            Dataset comparisons:
            ${datasets.map(
              (d, i) => html`${i > 0 ? ', ' : ''}<a href="${urls.dataset(m.runId, d)}">${d}</a>`,
            )}
          </p>`
        : ''
    }
    <section class="cards" id="experiments">
      ${m.experiments.map((e) => {
        const r = results.get(e.id);
        const status =
          e.status === 'failed' ? 'failed' : (e.verdict?.status ?? r?.verdict.status ?? 'not-applicable');
        const reason =
          e.status === 'failed' ? (e.error ?? 'failed') : (e.verdict?.reason ?? r?.verdict.reason ?? '');
        const evidence = e.status === 'failed' ? undefined : (e.verdict ?? r?.verdict)?.evidence;
        const highlights =
          r === undefined
            ? []
            : Object.entries(r.metrics)
                .filter(([k]) => k !== 'dataset' && k !== 'datasets')
                .slice(0, HIGHLIGHTS);
        return html`<article class="card experiment" data-experiment-id="${e.id}">
          <h3><a href="${urls.experiment(m.runId, e.id)}">${e.title}</a></h3>
          <div>${badge(status)} <span class="muted small">${formatMs(e.durationMs)}</span></div>
          <p class="claim">${e.claim}</p>
          <p class="reason">${reason}</p>
          ${marginList(evidence)}
          ${
            highlights.length > 0
              ? html`<dl class="highlights">
                  ${highlights.map(
                    ([k, v]) =>
                      html`<dt>${k}</dt>
                        <dd>${formatValue(v)}</dd>`,
                  )}
                </dl>`
              : ''
          }
        </article>`;
      })}
    </section>`;
}

/** Shown when the results folder has no complete run. */
export function emptyPage(resultsDir: string): Html {
  return html`<h1>No results yet</h1>
    <div class="empty" id="no-runs">
      <p>There is no complete run in <code>${resultsDir}</code>.</p>
      <p>
        Run <code>openbox suite --quick --out ${resultsDir}</code>; this page shows the run as soon as its
        manifest is written.
      </p>
    </div>`;
}
