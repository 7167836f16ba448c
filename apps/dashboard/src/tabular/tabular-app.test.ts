import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPenguins } from '@openbox/datasets';
import { fitExactLogistic, standardizeColumns } from '@openbox/logistic';
import { initBackend } from '@openbox/runtime';
import { createDashboardApp } from '../create-dashboard-app.js';
import { MESSAGES } from '../messages.js';
import type { TabularExplainReply } from './explain-row.js';
import { sampleBackground } from '@openbox/tabular';
import { TABULAR_DATASETS } from './tabular-datasets.js';
import { TABULAR_MAX_BODY_BYTES } from './tabular-app.js';
import { TABULAR_MESSAGES as M } from './tabular-messages.js';
import { createTabularService } from './tabular-service.js';

const post = (app: Hono, body: string, type = 'application/json') =>
  app.request('/api/tabular/explain', { method: 'POST', headers: { 'content-type': type }, body });
const explain = async (app: Hono, request: object): Promise<TabularExplainReply> => {
  const res = await post(app, JSON.stringify(request));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as TabularExplainReply;
};
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('the tabular page and POST /api/tabular/explain', () => {
  let dir: string;
  let app: Hono;

  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-tabular-'));
    app = createDashboardApp({ resultsDir: dir });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('GET /tabular has the pickers: every dataset with its rows and classes, the row input, ◀ ▶, its script', async () => {
    const res = await app.request('/tabular');
    expect(res.status).toBe(200);
    const page = await res.text();
    for (const name of TABULAR_DATASETS)
      expect(page).toMatch(new RegExp(`<option\\s+value="${name}"\\s+data-rows="\\d+"`));
    expect(page).toContain('data-rows="342"');
    expect(page).toContain('data-classes="[&quot;Adelie&quot;,&quot;Chinstrap&quot;,&quot;Gentoo&quot;]"');
    expect(page).toMatch(/<select id="tabular-class" name="class">\s*<option value="0">Adelie<\/option>/);
    expect(page).toMatch(/<input\s+id="tabular-row"\s+name="row"\s+type="number"\s+min="0"\s+max="341"/);
    for (const id of [
      'tabular-prev',
      'tabular-next',
      'tabular-lr-chart',
      'tabular-mlp-chart',
      'tabular-agreement',
    ])
      expect(page).toContain(`id="${id}"`);
    expect(page).toContain('<script src="/static/tabular.js" defer></script>');
    expect(page).toContain('<a href="/tabular">Tabular</a>');
    // The script is served, and parses as a plain script (no imports, no TypeScript left).
    const script = await app.request('/static/tabular.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const source = await script.text();
    expect(() => new Function(source)).not.toThrow();
    expect(source).not.toMatch(/\bimport\b|\bexport\b/);
  });

  it('penguins: LR values are β ⊙ (x − mean_bg) computed here; both sum to prediction − baseValue', async () => {
    const reply = await explain(app, { dataset: 'penguins', class: 0, row: 5 });
    // 1. The reference: standardize, fit Adelie vs rest with l2 1, background mean of the same 100 rows.
    const ds = loadPenguins();
    const [n = 0, d = 0] = ds.shape;
    const { features } = standardizeColumns(ds.features, ds.shape);
    const target = Float64Array.from(ds.target, (c) => (c === 0 ? 1 : 0));
    const fit = fitExactLogistic({ features, shape: ds.shape, target }, { l2: 1 });
    const bg = sampleBackground({ data: features, rows: n, cols: d }, 100, 0);
    const mean = Array.from({ length: d }, (_, j) => {
      let s = 0;
      for (let r = 0; r < bg.rows; r++) s += bg.data[r * d + j]!;
      return s / bg.rows;
    });
    const x = Array.from(features.subarray(5 * d, 6 * d));
    // Same float64 operations in the same order: equal to rounding (1e-12).
    reply.lr.values.forEach((v, j) => expect(v).toBeCloseTo(fit.coefficients[j]! * (x[j]! - mean[j]!), 12));
    expect(reply.standardized).toEqual(x);
    expect(reply.featureValues).toEqual(
      [...ds.features.subarray(5 * d, 6 * d)].map((v) => Number(v.toPrecision(7))),
    );
    expect(reply).toMatchObject({ dataset: 'penguins', class: 0, className: 'Adelie', row: 5, rows: 342 });
    expect(reply.features).toEqual(ds.featureNames);
    expect(reply.label).toBe(ds.target[5]);
    // 2. Efficiency for both (LinearSHAP exact; exact Shapley up to float64 sums of 2^4 terms: 1e-9).
    for (const m of [reply.lr, reply.mlp]) {
      expect(sum(m.values)).toBeCloseTo(m.prediction - m.baseValue, 9);
      expect(m.probability).toBeCloseTo(sigmoid(m.prediction), 12);
    }
    expect(reply.lr.baseValue).toBeCloseTo(
      fit.intercept + sum(mean.map((m, j) => fit.coefficients[j]! * m)),
      12,
    );
    expect([reply.lr.method, reply.mlp.method]).toEqual(['linear', 'exact']);
    expect(reply.mlp.model).toBe('MLP 4-16-8-3 (softmax)');
    // 3. Accuracies of "Adelie or not" on all rows, the agreement line, and the two waterfalls.
    expect(reply.accuracy.lr).toBeGreaterThan(0.9);
    expect(reply.accuracy.mlp).toBeGreaterThan(0.9);
    expect(reply.agreement.summary).toMatch(
      /^Pearson r = -?\d\.\d\d; the signs (agree on all 4 features|differ on .+)\.$/,
    );
    expect(JSON.stringify(reply.charts.lr)).toContain(`to f(x) = ${reply.lr.prediction}`);
    expect(JSON.stringify(reply.charts.mlp)).toContain(`to f(x) = ${reply.mlp.prediction}`);
  });

  it('another row or class gives other values; the same request the same JSON; no tensor is left behind', async () => {
    const first = await explain(app, { dataset: 'penguins', class: 0, row: 5 });
    const before = tf.memory().numTensors;
    const again = await explain(app, { dataset: 'penguins', class: 0, row: 5 });
    const other = await explain(app, { dataset: 'penguins', class: 0, row: 6 });
    const gentoo = await explain(app, { dataset: 'penguins', class: 2, row: 5 });
    expect((await post(app, '{"dataset":"penguins","class":0,"row":342}')).status).toBe(400);
    expect(tf.memory().numTensors).toBe(before);
    expect(again).toEqual(first);
    expect(other.mlp.values).not.toEqual(first.mlp.values);
    expect(other.lr.values).not.toEqual(first.lr.values);
    expect(gentoo.className).toBe('Gentoo');
    expect(gentoo.mlp.values).not.toEqual(first.mlp.values);
    // The same MLP explains every class: its logits sum over classes' probabilities to 1.
    const probs = await Promise.all(
      [0, 1, 2].map((k) => explain(app, { dataset: 'penguins', class: k, row: 5 })),
    );
    expect(sum(probs.map((p) => p.mlp.probability))).toBeCloseTo(1, 6);
  });

  const penguins = { dataset: 'penguins', class: 0, row: 0 };
  const classes = ['Adelie', 'Chinstrap', 'Gentoo'];
  it.each<[string, string, number, string]>([
    ['bad JSON', '{"dataset":', 400, M.tabularBadJson],
    ['an array', '[1, 2]', 400, M.tabularBadJson],
    ['null', 'null', 400, M.tabularBadJson],
    ['no dataset', '{"class":0,"row":0}', 400, M.tabularMissing('dataset')],
    ['no class', '{"dataset":"xor","row":0}', 400, M.tabularMissing('class')],
    ['no row', '{"dataset":"xor","class":0}', 400, M.tabularMissing('row')],
    [
      'an unknown dataset',
      JSON.stringify({ ...penguins, dataset: 'iris' }),
      400,
      M.tabularBadDataset('iris', TABULAR_DATASETS),
    ],
    [
      'a number as dataset',
      JSON.stringify({ ...penguins, dataset: 3 }),
      400,
      M.tabularBadDataset(3, TABULAR_DATASETS),
    ],
    [
      'a class too large',
      JSON.stringify({ ...penguins, class: 3 }),
      400,
      M.tabularBadClass('penguins', classes, 3),
    ],
    [
      'a negative class',
      JSON.stringify({ ...penguins, class: -1 }),
      400,
      M.tabularBadClass('penguins', classes, -1),
    ],
    [
      'a class as a string',
      JSON.stringify({ ...penguins, class: '0' }),
      400,
      M.tabularBadClass('penguins', classes, '0'),
    ],
    [
      'class 2 of a binary set',
      '{"dataset":"xor","class":2,"row":0}',
      400,
      M.tabularBadClass('xor', ['same-sign', 'opposite-sign'], 2),
    ],
    [
      'the row past the end',
      JSON.stringify({ ...penguins, row: 342 }),
      400,
      M.tabularBadRow('penguins', 342, 342),
    ],
    ['a negative row', JSON.stringify({ ...penguins, row: -1 }), 400, M.tabularBadRow('penguins', 342, -1)],
    [
      'a fractional row',
      JSON.stringify({ ...penguins, row: 1.5 }),
      400,
      M.tabularBadRow('penguins', 342, 1.5),
    ],
    ['a null row', JSON.stringify({ ...penguins, row: null }), 400, M.tabularBadRow('penguins', 342, null)],
    [
      'an oversized body',
      JSON.stringify({ ...penguins, pad: 'x'.repeat(TABULAR_MAX_BODY_BYTES) }),
      413,
      MESSAGES.bodyTooLarge(TABULAR_MAX_BODY_BYTES),
    ],
  ])('%s → %i with the message', async (_, body, status, error) => {
    const res = await post(app, body);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error, code: status === 413 ? 'body-too-large' : 'bad-request' });
  });

  it('the messages read as a person needs them', () => {
    expect(M.tabularBadClass('penguins', classes, 3)).toBe(
      'class must be an integer in [0, 2] (penguins: 0 Adelie, 1 Chinstrap, 2 Gentoo), got 3',
    );
    expect(M.tabularBadRow('penguins', 342, 1.5)).toBe(
      'row must be an integer in [0, 341] (the rows of penguins), got 1.5',
    );
    expect(M.tabularBadDataset('ir"is', TABULAR_DATASETS)).toBe(
      'dataset must be one of penguins, cars, xor, synthetic, got "ir\\"is"',
    );
  });

  it('follows the app conventions: 415 for a non-JSON body, 403 cross-site, 404 for GET', async () => {
    const text = await post(app, JSON.stringify(penguins), 'text/plain');
    expect(text.status).toBe(415);
    expect(((await text.json()) as { code: string }).code).toBe('unsupported-media-type');
    const cross = await app.request('/api/tabular/explain', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify(penguins),
    });
    expect(cross.status).toBe(403);
    expect((await app.request('/api/tabular/explain')).status).toBe(404);
    const list = (await (await app.request('/api/tabular/datasets')).json()) as {
      name: string;
      rows: number;
    }[];
    expect(list.map((d) => [d.name, d.rows])).toEqual([
      ['penguins', 342],
      ['cars', 392],
      ['xor', 400],
      ['synthetic', 500],
    ]);
  });
});

describe('createTabularService', () => {
  it('shares one build per table among concurrent callers (never trains twice at once) and one LR per class', async () => {
    await initBackend({ backend: 'cpu' });
    const service = createTabularService();
    const a = service.models('synthetic');
    expect(service.models('synthetic')).toBe(a);
    const models = await a;
    expect(service.models('synthetic')).toBe(a);
    // Synthetic truth: x5 has weight 0; the LR fitted here gives it a coefficient near 0 next to β₁ ≈ 2.
    const cls = models.forClass(1);
    const w = cls.lr.logit.affine!.weights;
    expect(Math.abs(w[4]!)).toBeLessThan(0.25 * Math.abs(w[0]!));
    expect(models.forClass(1)).toBe(cls);
  });
});
