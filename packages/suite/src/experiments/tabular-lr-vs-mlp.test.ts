/** tabular-lr-vs-mlp: agreement recomputed in float64 by brute force from the models' weights; an untrained MLP does not hold. */
import { fitExactLogistic } from '@openbox/logistic';
import { createRng, initBackend, reinitializedCopy } from '@openbox/runtime';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaLiteValidator } from '../../../charts/src/test-schema.js';
import { controlSeeds } from '../controls/control-models.js';
import type { ExperimentOutput } from '../experiment.js';
import { binaryView, toTabularProblem } from './tabular-data.js';
import {
  LR_MLP_AGREEMENT_MARGIN,
  LR_VS_MLP_DATASETS,
  runTabularLrVsMlpExperiment,
} from './tabular-lr-vs-mlp.js';
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
  bruteShapley,
  classLogit,
  denseLayers,
  logits64,
  pearson64,
  untrainedMlp,
  type DenseLayer64,
} from './test-tabular-reference.js';

const ID = 'tabular-lr-vs-mlp';
const SEED = 0;
/**
 * The experiment's float32 tfjs forward passes vs this file's float64 loop over coalitions: |Δ mean r| measured
 * ≤ 2e-6 (seed 0, both datasets); tolerance 10× that, beside the half last digit `round4` moves a metric.
 */
const R_TOL = 2e-5;

/** The MLP under study and its 3 re-initialized copies, as float64 weights, per dataset. */
const captured = new Map<string, { trained: DenseLayer64[]; controls: DenseLayer64[][] }>();
const capturing: MlpFactory = async (input) => {
  const model = await trainTabularMlp(
    input.x,
    input.labels,
    input.classes,
    input.seed,
    tabularBudget(true).epochs,
  );
  const controls = controlSeeds(SEED).map((seed) => {
    const copy = reinitializedCopy(model, { seed });
    const layers = denseLayers(copy);
    copy.dispose();
    return layers;
  });
  captured.set(input.dataset, { trained: denseLayers(model), controls });
  return model;
};

/** Mean over the explained rows of r(LR's β ⊙ (x − mean_bg), brute-force Shapley of the net's logit P(class)). */
function meanRowPearson64(dataset: (typeof LR_VS_MLP_DATASETS)[number], nets: DenseLayer64[][]): number[] {
  const problem = toTabularProblem(dataset.load());
  const x = { data: problem.features, rows: problem.n, cols: problem.d };
  const d = problem.d;
  const binary = binaryView(problem, dataset.positiveClass);
  const beta = fitExactLogistic({ features: x.data, shape: [x.rows, d], target: binary.target }).coefficients;
  const k = problem.classNames.indexOf(dataset.positiveClass);
  const e = explainedRows(x, tabularBudget(true), createRng(SEED).fork(ID).fork(dataset.id));
  const bg = Array.from({ length: e.background.rows }, (_, b) => e.background.data.slice(b * d, (b + 1) * d));
  const mean = Array.from({ length: d }, (_, j) => bg.reduce((s, b) => s + b[j]!, 0) / bg.length);
  return nets.map((layers) => {
    let sum = 0;
    for (let r = 0; r < e.rows.rows; r++) {
      const row = e.rows.data.subarray(r * d, (r + 1) * d);
      const lr = Array.from({ length: d }, (_, j) => beta[j]! * (row[j]! - mean[j]!));
      const v = allCoalitions((z) => classLogit(logits64(layers, z), k), row, bg);
      sum += pearson64(lr, bruteShapley(v, d));
    }
    return sum / e.rows.rows;
  });
}

describe('tabular-lr-vs-mlp: LR attributions vs an MLP, against untrained copies', () => {
  let out: ExperimentOutput;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    out = await runTabularLrVsMlpExperiment(quickContext(ID, SEED), { mlp: capturing });
  }, 120_000);

  it('recomputes every mean per-row r (trained and controls) in float64; the verdict follows the margin', () => {
    const m = out.metrics;
    for (const dataset of LR_VS_MLP_DATASETS) {
      const p = dataset.id;
      const nets = captured.get(p)!;
      const [trained, ...controls] = meanRowPearson64(dataset, [nets.trained, ...nets.controls]);
      expectRounded(m[`${p}MeanRowPearson`], trained!, R_TOL, `${p} trained`);
      controls.forEach((c, i) =>
        expectRounded(m[`${p}Control${i + 1}MeanRowPearson`], c, R_TOL, `${p} control ${i + 1}`),
      );
      const gap = trained! - Math.max(...controls);
      const lowerBeats = (m[`${p}RowPearsonLower`] as number) > Math.max(...controls);
      expect(m[`${p}Holds`], p).toBe(gap >= LR_MLP_AGREEMENT_MARGIN && lowerBeats);
      expect(m[`${p}L2`], `${p}: the MLE exists`).toBe(0);
    }
    // Measured at seed 0: the trained MLP agrees with LR (r 0.9–0.97) far beyond its untrained copies.
    expect([m['penguinsHolds'], m['carsHolds']]).toEqual([true, true]);
    expect(out.verdict.status).toBe('holds');
    expect(out.verdict.evidence?.length).toBe(2);
    expect(out.verdict.reason).toContain(`trained ${m['penguinsMeanRowPearson']} (95% bootstrap interval`);
    expect(out.verdict.reason).toContain(`they agree least on ${m['carsLeastAgreeingFeature']}`);
    expect(String(m['penguinsLeastAgreeingRows']).split('; ')).toHaveLength(3);
  }, 60_000);

  it("draws schema-valid charts per dataset: agreement vs controls, and both models' beeswarms", () => {
    const validate = vegaLiteValidator();
    expect(out.charts.map((c) => c.id)).toEqual(
      ['penguins', 'cars'].flatMap((p) => [`agreement-${p}`, `beeswarm-lr-${p}`, `beeswarm-mlp-${p}`]),
    );
    for (const chart of out.charts) expect(validate(chart.spec), chart.id).toBe(true);
  });

  it('does not hold with an untrained MLP as the model under study; same seed, same output; no tensor left', async () => {
    const untrained: MlpFactory = async (i) => untrainedMlp(i.x.cols, TABULAR_MLP_HIDDEN, i.classes, 7);
    const first = await runTabularLrVsMlpExperiment(quickContext(ID, SEED), { mlp: untrained });
    const before = tf.memory().numTensors;
    const again = await runTabularLrVsMlpExperiment(quickContext(ID, SEED), { mlp: untrained });
    expect(tf.memory().numTensors).toBe(before);
    expect(first.verdict.status).toBe('does-not-hold');
    expect([again.metrics, again.verdict]).toEqual([first.metrics, first.verdict]);
  }, 60_000);

  it('rejects a model whose initializer cannot be redrawn (its controls cannot be built), leaving no tensor', async () => {
    const identity: MlpFactory = async (i) =>
      tfl.sequential({
        layers: [
          tfl.layers.dense({
            inputShape: [i.x.cols],
            units: i.x.cols,
            kernelInitializer: 'identity',
            name: 'hidden1',
          }),
          tfl.layers.dense({ units: i.classes, activation: 'softmax', name: 'out' }),
        ],
      });
    const before = tf.memory().numTensors;
    await expect(runTabularLrVsMlpExperiment(quickContext(ID, SEED), { mlp: identity })).rejects.toThrow(
      "reinitializedCopy: layer 'hidden1' initializes 'kernel' with Identity, which OpenBox cannot redraw;",
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
