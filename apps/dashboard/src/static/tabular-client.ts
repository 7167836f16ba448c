/// <reference lib="dom" />
/**
 * The tabular page's browser script, served as `/static/tabular.js`: typed TypeScript compiled with the dashboard
 * (tsc for `dist`, esbuild under vitest) and sent as the compiled source of {@link tabularClient}, so it must not use
 * anything from outside its own body but the DOM and the page's `vegaEmbed` global.
 */

/** The subset of the API reply the page shows (`TabularExplainReply`). */
interface Reply {
  readonly dataset: string;
  readonly class: number;
  readonly className: string;
  readonly row: number;
  readonly features: readonly string[];
  readonly featureValues: readonly number[];
  readonly standardized: readonly number[];
  readonly labelName: string;
  readonly output: string;
  readonly lr: ModelPart;
  readonly mlp: ModelPart;
  readonly accuracy: { readonly lr: number; readonly mlp: number };
  readonly agreement: { readonly summary: string };
  readonly charts: { readonly lr: unknown; readonly mlp: unknown };
}

interface ModelPart {
  readonly model: string;
  readonly probability: number;
  readonly prediction: number;
  readonly baseValue: number;
  readonly values: readonly number[];
}

type VegaEmbed = (el: HTMLElement, spec: unknown, options: object) => Promise<unknown>;

/**
 * Runs the page: on submit, ◀ ▶, a dataset or class change it posts `{ dataset, class, row }` to
 * `/api/tabular/explain` and fills the summary (`data-state` pending → done | error, with `data-dataset`,
 * `data-class`, `data-row` of what is shown), the agreement line, the models and features tables (each number cell
 * carries its full value in `data-value`; the text is `toFixed(3)` for probabilities and accuracies, 4 significant
 * digits otherwise) and the two waterfalls (`data-state="drawn"`). A reply to an older request is dropped.
 */
export function tabularClient(): void {
  const form = document.getElementById('tabular-form');
  if (form === null) return;
  const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
  const datasetSelect = byId<HTMLSelectElement>('tabular-dataset');
  const classSelect = byId<HTMLSelectElement>('tabular-class');
  const rowInput = byId<HTMLInputElement>('tabular-row');
  const summary = byId<HTMLElement>('tabular-summary');
  const embed = (window as unknown as { vegaEmbed: VegaEmbed }).vegaEmbed;
  let latest = 0;

  const sig = (v: number): string => String(Number(v.toPrecision(4)));
  const cell = (text: string, value?: number): HTMLTableCellElement => {
    const td = document.createElement('td');
    td.textContent = text;
    if (value !== undefined) {
      td.className = 'num';
      td.dataset['value'] = String(value);
    }
    return td;
  };
  const fillRows = (id: string, rows: readonly HTMLTableCellElement[][], names: readonly string[]): void => {
    const body = byId<HTMLTableElement>(id).tBodies[0]!;
    body.replaceChildren(
      ...rows.map((cells, i) => {
        const tr = document.createElement('tr');
        tr.dataset['name'] = names[i]!;
        tr.append(...cells);
        return tr;
      }),
    );
  };

  const selectedRows = (): number => Number(datasetSelect.selectedOptions[0]?.dataset['rows'] ?? '1');
  const setClasses = (): void => {
    const names = JSON.parse(datasetSelect.selectedOptions[0]?.dataset['classes'] ?? '[]') as string[];
    classSelect.replaceChildren(...names.map((name, k) => new Option(name, String(k))));
    classSelect.value = names.length === 2 ? '1' : '0';
    rowInput.max = String(selectedRows() - 1);
    byId<HTMLElement>('tabular-rows').textContent = `of ${selectedRows()}`;
    if (Number(rowInput.value) > selectedRows() - 1) rowInput.value = String(selectedRows() - 1);
  };

  const show = async (reply: Reply): Promise<void> => {
    summary.textContent =
      `${reply.dataset} row ${reply.row} (label ${reply.labelName}): ${reply.output} — ` +
      `LR ${sig(reply.lr.prediction)}, MLP ${sig(reply.mlp.prediction)}`;
    byId<HTMLElement>('tabular-agreement').textContent = reply.agreement.summary;
    const models = [
      [reply.lr, reply.accuracy.lr],
      [reply.mlp, reply.accuracy.mlp],
    ] as const;
    fillRows(
      'tabular-models',
      models.map(([m, accuracy]) => [
        cell(m.model),
        cell(m.probability.toFixed(3), m.probability),
        cell(sig(m.prediction), m.prediction),
        cell(sig(m.baseValue), m.baseValue),
        cell(accuracy.toFixed(3), accuracy),
      ]),
      ['lr', 'mlp'],
    );
    fillRows(
      'tabular-features',
      reply.features.map((name, j) => [
        cell(name),
        cell(sig(reply.featureValues[j]!), reply.featureValues[j]!),
        cell(sig(reply.standardized[j]!), reply.standardized[j]!),
        cell(sig(reply.lr.values[j]!), reply.lr.values[j]!),
        cell(sig(reply.mlp.values[j]!), reply.mlp.values[j]!),
      ]),
      reply.features,
    );
    await Promise.all(
      (['lr', 'mlp'] as const).map(async (key) => {
        const el = byId<HTMLElement>(`tabular-${key}-chart`);
        el.dataset['state'] = 'pending';
        await embed(el, reply.charts[key], { actions: false, renderer: 'svg' });
        el.dataset['state'] = 'drawn';
      }),
    );
  };

  const compute = async (): Promise<void> => {
    const request = {
      dataset: datasetSelect.value,
      class: Number(classSelect.value),
      row: Number(rowInput.value),
    };
    const id = ++latest;
    summary.dataset['state'] = 'pending';
    summary.textContent = `explaining ${request.dataset} row ${rowInput.value}…`;
    try {
      const res = await fetch('/api/tabular/explain', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      const body = (await res.json()) as Reply & { error?: string };
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      if (id !== latest) return;
      await show(body);
      if (id !== latest) return;
      Object.assign(summary.dataset, {
        dataset: body.dataset,
        class: String(body.class),
        row: String(body.row),
        state: 'done',
      });
    } catch (error) {
      if (id !== latest) return;
      summary.dataset['state'] = 'error';
      summary.textContent = `Error: ${error instanceof Error ? error.message : String(error)}`;
    }
  };

  const step = (by: number): void => {
    rowInput.value = String(Math.min(selectedRows() - 1, Math.max(0, Number(rowInput.value) + by)));
    void compute();
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void compute();
  });
  byId<HTMLElement>('tabular-prev').addEventListener('click', () => step(-1));
  byId<HTMLElement>('tabular-next').addEventListener('click', () => step(1));
  datasetSelect.addEventListener('change', () => {
    setClasses();
    void compute();
  });
  classSelect.addEventListener('change', () => void compute());
  setClasses();
  void compute();
}

/**
 * The served script: a no-op `__name` (tsx's esbuild `keepNames` wraps named functions in it when the dashboard
 * runs from source) and the compiled {@link tabularClient}, called once the page has loaded (`defer`).
 */
export const TABULAR_CLIENT_SCRIPT = `'use strict';
var __name = function (target) { return target; };
(${tabularClient.toString()})();
`;
