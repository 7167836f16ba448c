/** `tabularPage`: pick a table, a class and a row; LR's and the MLP's explanations of it side by side. */
import { html } from 'hono/html';
import type { TabularDatasetInfo } from '../tabular/tabular-service.js';
import { TABULAR_MODEL_SETTINGS } from '../tabular/tabular-models.js';
import type { Html } from './layout.js';

/** Where the page's browser script is served (`static/tabular-client.ts`). */
export const TABULAR_CLIENT_URL = '/static/tabular.js';

/** One dataset option; the client reads its rows and class names from the data attributes. */
const datasetOption = (d: TabularDatasetInfo, selected: boolean): Html =>
  html`<option
    value="${d.name}"
    data-rows="${d.rows}"
    data-classes="${JSON.stringify(d.classNames)}"
    title="${d.description}"
    ${selected ? 'selected' : ''}
  >
    ${d.name} (${d.rows} rows, ${d.features.length} features)
  </option>`;

/** A figure the client draws a waterfall into. */
const chartFigure = (id: string, caption: string): Html =>
  html`<figure>
    <figcaption>${caption}</figcaption>
    <div class="chart" id="${id}" data-state="idle"></div>
  </figure>`;

/**
 * The picker (dataset, class, row with ◀ ▶), the summary, the agreement line, the models table, the features table
 * and the two waterfalls. The page starts on the first dataset, class 0, row 0; the client script
 * (`TABULAR_CLIENT_URL`) posts `{ dataset, class, row }` to `/api/tabular/explain` on every change and fills the rest.
 * The form is `novalidate`: the server checks the row and the page shows its message.
 */
export function tabularPage(datasets: readonly TabularDatasetInfo[]): Html {
  const first = datasets[0];
  const classes = first?.classNames ?? [];
  const { hidden, lrL2, background } = TABULAR_MODEL_SETTINGS;
  return html`<h1>Tabular: one row, logistic regression and an MLP side by side</h1>
    <p class="muted">
      Both models read the standardized features. The logistic regression (class vs rest, exact fit, l2
      ${lrL2}) is explained by LinearSHAP, φ<sub>j</sub> = β<sub>j</sub>(x<sub>j</sub> −
      E<sub>bg</sub>[x<sub>j</sub>]); the MLP (${hidden.join('-')} ReLU, trained once with seed 0) by exact
      interventional Shapley values over all coalitions. Both explain logit P(class) against the same
      ${background} background rows, so each waterfall runs from E[f(X)] to f(x). The first request for a
      dataset trains its MLP (a few seconds).
    </p>
    <form class="live" id="tabular-form" novalidate>
      <label for="tabular-dataset">dataset</label>
      <select id="tabular-dataset" name="dataset">
        ${datasets.map((d, i) => datasetOption(d, i === 0))}
      </select>
      <label for="tabular-class">class</label>
      <select id="tabular-class" name="class">
        ${classes.map((name, k) => html`<option value="${k}">${name}</option>`)}
      </select>
      <label for="tabular-row">row</label>
      <input
        id="tabular-row"
        name="row"
        type="number"
        min="0"
        max="${(first?.rows ?? 1) - 1}"
        step="1"
        value="0"
      />
      <span class="muted small" id="tabular-rows">of ${first?.rows ?? 0}</span>
      <button type="submit" id="tabular-run">Explain</button>
      <button type="button" class="secondary" id="tabular-prev">◀</button
      ><button type="button" class="secondary" id="tabular-next">▶</button>
    </form>
    <p id="tabular-summary" data-state="idle">Pick a row and press Explain.</p>
    <p id="tabular-agreement"></p>
    <table class="metrics" id="tabular-models">
      <thead>
        <tr>
          <th>model</th>
          <th>P(class)</th>
          <th>logit f(x)</th>
          <th>E[f(X)]</th>
          <th>accuracy (class vs rest)</th>
        </tr>
      </thead>
      <tbody></tbody>
    </table>
    <div class="figures">
      ${chartFigure('tabular-lr-chart', 'logistic regression: LinearSHAP (log-odds)')}
      ${chartFigure('tabular-mlp-chart', 'MLP: exact Shapley values (log-odds)')}
    </div>
    <table class="metrics" id="tabular-features">
      <thead>
        <tr>
          <th>feature</th>
          <th>value</th>
          <th>standardized</th>
          <th>φ LR</th>
          <th>φ MLP</th>
        </tr>
      </thead>
      <tbody></tbody>
    </table>
    <script src="${TABULAR_CLIENT_URL}" defer></script>`;
}
