/** A verdict's control evidence on the pages: the margin sentence, the controls charts, the overview's margin list. */
import { html } from 'hono/html';
import type { ControlEvidence } from '@openbox/suite';
import { urls } from './format.js';
import type { Html } from './layout.js';

/** A value exactly as the result file has it, negatives with a true minus sign (U+2212). */
const num = (v: number): string => String(v).replace(/^-/, '−');

/**
 * The comparison in one line, from the evidence values as written:
 * `trained 0.4832 vs controls −0.0436, 0.0124, −0.0741; margin 0.4708 (required 0.2)`.
 */
export function evidenceText(e: ControlEvidence): string {
  return (
    `trained ${num(e.trained)} vs controls ${e.controls.map((c) => num(c.value)).join(', ')}; ` +
    `margin ${num(e.margin)} (required ${num(e.requiredMargin)})`
  );
}

/** ✓ or ✗ with its meaning for screen readers; `data-holds` carries it for styling and tests. */
function mark(holds: boolean): Html {
  const [sign, meaning] = holds ? ['✓', 'passes'] : ['✗', 'fails'];
  return html`<span class="mark" data-holds="${String(holds)}" aria-label="${meaning}">${sign}</span>`;
}

/** Under the verdict: per comparison, its mark, the metric and {@link evidenceText}. Nothing without evidence. */
export function evidenceSummary(evidence: readonly ControlEvidence[] | undefined): Html | '' {
  if (evidence === undefined || evidence.length === 0) return '';
  return html`<ul class="evidence" id="evidence">
    ${evidence.map(
      (e) =>
        html`<li data-holds="${String(e.holds)}">
          ${mark(e.holds)} <span class="metric">${e.metric}</span>
          <span class="muted small">(${e.higherIsBetter ? 'higher' : 'lower'} is better)</span>:
          <span class="evidence-text">${evidenceText(e)}</span>
        </li>`,
    )}
  </ul>`;
}

/**
 * One chart per comparison, drawn by the client script from `GET …/evidence/:index` (`data-controls-chart-url`,
 * apart from the result's own charts so that `[data-chart-url]` still lists exactly those).
 */
export function evidenceCharts(
  runId: string,
  experimentId: string,
  evidence: readonly ControlEvidence[] | undefined,
): Html | '' {
  if (evidence === undefined || evidence.length === 0) return '';
  return html`<h2>Against the controls</h2>
    <div class="figures" id="controls-charts">
      ${evidence.map(
        (e, i) =>
          html`<figure>
            <figcaption>${e.metric}</figcaption>
            <div
              class="chart"
              data-evidence-index="${i}"
              data-controls-chart-url="${urls.evidenceChartApi(runId, experimentId, i)}"
            ></div>
          </figure>`,
      )}
    </div>`;
}

/** The overview card's margins: per comparison, its mark, the metric, the margin achieved and the one required. */
export function marginList(evidence: readonly ControlEvidence[] | undefined): Html | '' {
  if (evidence === undefined || evidence.length === 0) return '';
  return html`<ul class="margins">
    ${evidence.map(
      (e) =>
        html`<li data-holds="${String(e.holds)}">
          ${mark(e.holds)} <span class="metric">${e.metric}</span>: margin <b>${num(e.margin)}</b>
          <span class="required">(required ${num(e.requiredMargin)})</span>
        </li>`,
    )}
  </ul>`;
}
