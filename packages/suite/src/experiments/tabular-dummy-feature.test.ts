/** tabular-dummy-feature: exact Shapley and LinearSHAP importances recomputed in float64; shuffled labels do not hold. */
import { makeLogisticData } from '@openbox/datasets';
import { fitExactLogistic } from '@openbox/logistic';
import { createRng, initBackend } from '@openbox/runtime';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaLiteValidator } from '../../../charts/src/test-schema.js';
import type { ExperimentOutput } from '../experiment.js';
import {
  DUMMY_INDEX,
  DUMMY_MAX_SHARE,
  DUMMY_WEIGHTS,
  RANKING_MARGIN,
  runTabularDummyFeatureExperiment,
} from './tabular-dummy-feature.js';
import { DUMMY_METHOD_IDS } from './tabular-dummy-methods.js';
import {
  explainedRows,
  shuffledLabels,
  tabularBudget,
  trainTabularMlp,
  type MlpFactory,
} from './tabular-models.js';
import { expectRounded, quickContext } from './test-experiment-helpers.js';
import {
  allCoalitions,
  bruteShapley,
  denseLayers,
  logits64,
  pearson64,
  type DenseLayer64,
} from './test-tabular-reference.js';

const ID = 'tabular-dummy-feature';
const SEED = 0;
/**
 * float32 tfjs passes vs this file's float64 loops, on mean |φ| ratios and ρ: |Δ| measured ≤ 1e-6 for the dummy
 * share (seed 0); tolerance 10× that. ρ is a rank statistic: exact unless two importances tie within float32 error.
 */
const SHARE_TOL = 1e-5;

let net: DenseLayer64[] = [];
const capturing: MlpFactory = async (i) => {
  const model = await trainTabularMlp(i.x, i.labels, i.classes, i.seed, tabularBudget(true).epochs);
  net = denseLayers(model);
  return model;
};

/** Ranks 1..n (no ties expected among these importances), then Spearman ρ as Pearson of the ranks. */
const rho = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  const rank = (v: ArrayLike<number>) => {
    const order = Array.from(v, (_, i) => i).sort((i, j) => v[i]! - v[j]!);
    const r = new Array<number>(v.length);
    order.forEach((i, k) => (r[i] = k + 1));
    return r;
  };
  return pearson64(rank(a), rank(b));
};

/** Mean |φ| per feature of the MLP (brute-force Shapley of its log-odds) and of LR (β_j |x_j − mean_j|). */
function reference(): { mlp: number[]; lr: number[] } {
  const rng = createRng(SEED).fork(ID);
  const n = 1000;
  const ds = makeLogisticData({
    n,
    weights: DUMMY_WEIGHTS,
    intercept: 0.3,
    seed: rng.fork('data').int(2 ** 31),
  });
  const d = DUMMY_WEIGHTS.length;
  const x = { data: Float64Array.from(ds.features), rows: n, cols: d };
  const e = explainedRows(x, tabularBudget(true), rng.fork('explained'));
  const bg = Array.from({ length: e.background.rows }, (_, b) => e.background.data.slice(b * d, (b + 1) * d));
  const mean = Array.from({ length: d }, (_, j) => bg.reduce((s, b) => s + b[j]!, 0) / bg.length);
  const beta = fitExactLogistic({ features: x.data, shape: [n, d], target: ds.target }).coefficients;
  const mlp = new Array<number>(d).fill(0);
  const lr = new Array<number>(d).fill(0);
  for (let r = 0; r < e.rows.rows; r++) {
    const row = e.rows.data.subarray(r * d, (r + 1) * d);
    const phi = bruteShapley(
      allCoalitions((z) => logits64(net, z)[0]!, row, bg),
      d,
    );
    for (let j = 0; j < d; j++) {
      mlp[j]! += Math.abs(phi[j]!) / e.rows.rows;
      lr[j]! += Math.abs(beta[j]! * (row[j]! - mean[j]!)) / e.rows.rows;
    }
  }
  return { mlp, lr };
}

describe('tabular-dummy-feature: the dummy gets ~0 and the ranking is the truth, against shuffled labels', () => {
  let out: ExperimentOutput;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    out = await runTabularDummyFeatureExperiment(quickContext(ID, SEED), { mlp: capturing });
  }, 180_000);

  it('recomputes exact Shapley (MLP) and LinearSHAP (LR) importances in float64; each method follows its rule', () => {
    const m = out.metrics;
    const truth = DUMMY_WEIGHTS.map(Math.abs);
    const { mlp, lr } = reference();
    const share = (v: number[]) => v[DUMMY_INDEX]! / Math.max(...v);
    expectRounded(m['exactDummyShare'], share(mlp), SHARE_TOL, 'exact dummy share');
    expectRounded(m['linearDummyShare'], share(lr), 1e-12, 'linear dummy share');
    expect(m['exactSpearman']).toBe(Math.round(rho(mlp, truth) * 1e4) / 1e4);
    expect(m['linearSpearman']).toBe(Math.round(rho(lr, truth) * 1e4) / 1e4);
    for (const id of DUMMY_METHOD_IDS) {
      const controls = [1, 2].map((c) => m[`${id}Control${c}Spearman`] as number);
      const ok =
        (m[`${id}Spearman`] as number) - Math.max(...controls) >= RANKING_MARGIN &&
        (m[`${id}DummyShare`] as number) <= DUMMY_MAX_SHARE;
      expect(m[`${id}Holds`], id).toBe(ok);
    }
    // Measured at seed 0: every method holds.
    expect(m['methodsHolding']).toBe(DUMMY_METHOD_IDS.length);
    expect(out.verdict.status).toBe('holds');
    expect(out.verdict.evidence?.length).toBe(DUMMY_METHOD_IDS.length);
    expect(out.verdict.reason).toContain(`exact Shapley (MLP): dummy share ${m['exactDummyShare']}`);
  }, 60_000);

  it('draws schema-valid charts: ranking vs controls and importance bars, per method', () => {
    const validate = vegaLiteValidator();
    expect(out.charts.map((c) => c.id)).toEqual(
      DUMMY_METHOD_IDS.flatMap((id) => [`ranking-${id}`, `importance-${id}`]),
    );
    for (const chart of out.charts) expect(validate(chart.spec), chart.id).toBe(true);
  });

  it('shuffledLabels is a seeded permutation: same counts, same seed same order', () => {
    const labels = Int32Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const a = shuffledLabels(labels, createRng(4));
    expect(a.reduce((s, v) => s + v, 0)).toBe(labels.reduce((s, v) => s + v, 0));
    expect(Array.from(shuffledLabels(labels, createRng(4)))).toEqual(Array.from(a));
    expect(Array.from(shuffledLabels(labels, createRng(5)))).not.toEqual(Array.from(a));
  });

  it('does not hold when the models under study are fitted to shuffled labels; same seed, same output; no tensor left', async () => {
    const first = await runTabularDummyFeatureExperiment(quickContext(ID, SEED), { shuffled: true });
    const before = tf.memory().numTensors;
    const again = await runTabularDummyFeatureExperiment(quickContext(ID, SEED), { shuffled: true });
    expect(tf.memory().numTensors).toBe(before);
    expect(first.verdict.status).toBe('does-not-hold');
    expect([again.metrics, again.verdict]).toEqual([first.metrics, first.verdict]);
  }, 240_000);
});
