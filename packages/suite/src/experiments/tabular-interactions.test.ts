/** tabular-interactions: pair shares and accuracies recomputed in float64 by brute force; an untrained MLP does not hold. */
import { createRng, initBackend, reinitializedCopy } from '@openbox/runtime';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaLiteValidator } from '../../../charts/src/test-schema.js';
import { controlSeeds } from '../controls/control-models.js';
import type { ExperimentOutput } from '../experiment.js';
import { xorTable } from './tabular-interaction-models.js';
import {
  MLP_MIN_ACCURACY,
  PAIR_SHARE_MARGIN,
  runTabularInteractionsExperiment,
} from './tabular-interactions.js';
import {
  explainedRows,
  TABULAR_MLP_HIDDEN,
  tabularBudget,
  trainTabularMlp,
  type MlpFactory,
} from './tabular-models.js';
import { expectRounded, quickContext } from './test-experiment-helpers.js';
import {
  allCoalitions,
  bruteInteractions,
  denseLayers,
  logits64,
  untrainedMlp,
  type DenseLayer64,
} from './test-tabular-reference.js';

const ID = 'tabular-interactions';
const SEED = 0;
/**
 * The experiment's float32 forward passes vs this file's float64 loops: |Δ pair share| measured ≤ 1e-6 (seed 0);
 * tolerance 10× that, beside the half last digit `round4` moves a metric. Accuracies are counts: exact, except for
 * a row whose log-odds lies within float32 error of 0 (none at seed 0).
 */
const SHARE_TOL = 1e-5;

let nets: DenseLayer64[][] = [];
const capturing: MlpFactory = async (i) => {
  const model = await trainTabularMlp(i.x, i.labels, i.classes, i.seed, tabularBudget(true).epochs);
  const copies = controlSeeds(SEED).map((seed) => {
    const copy = reinitializedCopy(model, { seed });
    const layers = denseLayers(copy);
    copy.dispose();
    return layers;
  });
  nets = [denseLayers(model), ...copies];
  return model;
};

/** Share of all |Φ| on (x1, x2) and test accuracy of each net, from the definitions in float64. */
function reference(layers: DenseLayer64[][]): { share: number; accuracy: number }[] {
  const rng = createRng(SEED).fork(ID);
  const train = xorTable(400, rng.fork('xor-train'));
  const test = xorTable(400, rng.fork('xor-test'));
  const e = explainedRows(train.x, tabularBudget(true), rng.fork('explained'));
  const d = train.x.cols;
  const bg = Array.from({ length: e.background.rows }, (_, b) => e.background.data.slice(b * d, (b + 1) * d));
  return layers.map((net) => {
    const f = (row: ArrayLike<number>) => logits64(net, row)[0]!;
    let pair = 0;
    let total = 0;
    for (let r = 0; r < e.rows.rows; r++) {
      const phi = bruteInteractions(allCoalitions(f, e.rows.data.subarray(r * d, (r + 1) * d), bg), d);
      phi.forEach((v, k) => {
        total += Math.abs(v);
        if (k === 1 || k === d) pair += Math.abs(v);
      });
    }
    let right = 0;
    for (let r = 0; r < test.x.rows; r++)
      if ((f(test.x.data.subarray(r * d, (r + 1) * d)) >= 0 ? 1 : 0) === test.labels[r]) right++;
    return { share: pair / total, accuracy: right / test.x.rows };
  });
}

describe('tabular-interactions: the XOR MLP interacts on (x1, x2); LR is additive', () => {
  let out: ExperimentOutput;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    out = await runTabularInteractionsExperiment(quickContext(ID, SEED), { mlp: capturing });
  }, 120_000);

  it('recomputes the MLP and its untrained copies in float64; LR is exactly diagonal with one slope per feature', () => {
    const m = out.metrics;
    const [mlp, ...copies] = reference(nets);
    expectRounded(m['mlpPairShare'], mlp!.share, SHARE_TOL, 'MLP pair share');
    expectRounded(m['mlpTestAccuracy'], mlp!.accuracy, 0, 'MLP test accuracy');
    copies.forEach((c, i) => {
      expectRounded(m[`control${i + 1}PairShare`], c.share, SHARE_TOL, `copy ${i + 1} pair share`);
      expectRounded(m[`control${i + 1}TestAccuracy`], c.accuracy, 0, `copy ${i + 1} accuracy`);
    });
    expect(m['mlpTopPair']).toBe('x1×x2');
    // LR: Φ off the diagonal and the slope spread are float64 rounding only (measured ≤ 3.3e-15).
    expect(m['lrPairShare'] as number).toBeLessThan(1e-13);
    for (const part of String(m['lrSlopeSpread']).split(', '))
      expect(Number(part.split(' ')[1])).toBeLessThan(1e-13);
    expect(m['mlpSlopeSpreadX1'] as number).toBeGreaterThan(0.5);
    // The verdict from the numbers: every clause, measured to hold at seed 0.
    const controls = [...copies.map((c) => c.share), m['logisticControlPairShare'] as number];
    expect(mlp!.share - Math.max(...controls)).toBeGreaterThanOrEqual(PAIR_SHARE_MARGIN);
    expect(mlp!.accuracy).toBeGreaterThanOrEqual(MLP_MIN_ACCURACY);
    expect(out.verdict.status).toBe('holds');
    expect(out.verdict.evidence?.length).toBe(2);
    expect(out.verdict.reason).toContain(`trained ${m['mlpPairShare']} vs untrained MLP`);
    expect(out.verdict.reason).toContain(`LR's is ${m['lrTestAccuracy']}`);
  }, 60_000);

  it('draws schema-valid charts: pair share and accuracy vs controls, and the dependence of φ(x1) on x1 by x2', () => {
    const validate = vegaLiteValidator();
    expect(out.charts.map((c) => c.id)).toEqual(['pair-share', 'accuracy', 'dependence-x1']);
    for (const chart of out.charts) expect(validate(chart.spec), chart.id).toBe(true);
  });

  it('does not hold with an untrained MLP as the model under study; same seed, same output; no tensor left', async () => {
    const untrained: MlpFactory = async (i) => untrainedMlp(i.x.cols, TABULAR_MLP_HIDDEN, i.classes, 3);
    const first = await runTabularInteractionsExperiment(quickContext(ID, SEED), { mlp: untrained });
    const before = tf.memory().numTensors;
    const again = await runTabularInteractionsExperiment(quickContext(ID, SEED), { mlp: untrained });
    expect(tf.memory().numTensors).toBe(before);
    expect(first.verdict.status).toBe('does-not-hold');
    expect(first.metrics['mlpFits']).toBe(false);
    expect([again.metrics, again.verdict]).toEqual([first.metrics, first.verdict]);
  }, 90_000);
});
