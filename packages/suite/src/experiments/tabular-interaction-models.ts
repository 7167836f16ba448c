/**
 * The tables and models of `tabular-interactions`: XOR with two noise features (train and test), exact LR, the MLP
 * under study, its untrained copies and the MLP recipe trained on interaction-free logistic data, each measured by
 * {@link measureInteractions} on seeded rows against a seeded background.
 */
import { makeLogisticData, makeXorData } from '@openbox/datasets';
import type { Rng } from '@openbox/runtime';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ExperimentContext } from '../experiment.js';
import { measureInteractions, type InteractionMeasures } from './tabular-interaction-measure.js';
import { explainedOutput, fromLayersModel, fromLogistic, type Matrix } from '@openbox/tabular';
import {
  disposeAll,
  explainedRows,
  fitBinaryLogistic,
  tabularBudget,
  trainTabularMlp,
  untrainedControls,
  type ExplainedRows,
  type MlpFactory,
} from './tabular-models.js';

/** Pure-noise U(−1, 1) columns appended to x1, x2. */
export const XOR_NOISE_FEATURES = 2;
/** The features, in column order. */
export const XOR_FEATURE_NAMES = ['x1', 'x2', 'noise1', 'noise2'] as const;
/** True weights of the interaction-free control's data (signal on x1 and x2, as XOR's). */
export const LOGISTIC_CONTROL_WEIGHTS = [2, -2, 0, 0] as const;

/** A labelled table. */
export interface LabelledTable {
  readonly x: Matrix;
  readonly labels: Int32Array;
}

/** `makeXorData` (seed from `rng`) with {@link XOR_NOISE_FEATURES} U(−1, 1) columns from `rng.fork('noise')`. */
export function xorTable(n: number, rng: Rng): LabelledTable {
  const ds = makeXorData({ n, seed: rng.int(2 ** 31) });
  const noise = rng.fork('noise');
  const d = 2 + XOR_NOISE_FEATURES;
  const data = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    data[r * d] = ds.features[2 * r]!;
    data[r * d + 1] = ds.features[2 * r + 1]!;
    for (let j = 2; j < d; j++) data[r * d + j] = 2 * noise.next() - 1;
  }
  return { x: { data, rows: n, cols: d }, labels: ds.target };
}

/** One MLP's measures and its test accuracy (log-odds ≥ 0 → class 1). */
export interface MeasuredModel {
  readonly label: string;
  readonly accuracy: number;
  readonly measures: InteractionMeasures;
}

/** Everything the experiment reports. */
export interface InteractionModels {
  readonly featureNames: readonly string[];
  readonly trainRows: number;
  readonly testRows: number;
  readonly rows: number;
  readonly background: number;
  /** The explained rows (XOR training rows). */
  readonly explainedX: Matrix;
  readonly lrL2: number;
  readonly lrCoefficients: Float64Array;
  readonly lrAccuracy: number;
  readonly lr: InteractionMeasures;
  readonly mlp: MeasuredModel;
  readonly untrained: readonly MeasuredModel[];
  readonly logistic: MeasuredModel;
}

const accuracyOf = (z: Float64Array, labels: Int32Array) =>
  z.reduce((s, v, r) => s + ((v >= 0 ? 1 : 0) === labels[r] ? 1 : 0), 0) / z.length;

/** Measures `model`'s log-odds on `e` and its accuracy on `test`. */
function measureModel(
  label: string,
  model: tfl.LayersModel,
  e: ExplainedRows,
  test: LabelledTable,
): MeasuredModel {
  const f = explainedOutput(fromLayersModel(model), { output: 'logit' });
  return {
    label,
    accuracy: accuracyOf(f.evaluate(test.x), test.labels),
    measures: measureInteractions(f, e.rows, e.background),
  };
}

/**
 * (1) XOR train and test tables (400 + 400 quick, 1,000 + 1,000 full) and the logistic control's; (2) LR (exact,
 * l2 = 0 unless separable) and its measures; (3) the MLP (`mlp`, default `trainTabularMlp`) and its untrained copies;
 * (4) the recipe on logistic data. Rows and background from the training table. Every model is disposed.
 */
export async function measureInteractionModels(
  ctx: ExperimentContext,
  mlp?: MlpFactory,
): Promise<InteractionModels> {
  // 1. Tables.
  const budget = tabularBudget(ctx.quick);
  const n = ctx.quick ? 400 : 1000;
  const train = xorTable(n, ctx.rng.fork('xor-train'));
  const test = xorTable(n, ctx.rng.fork('xor-test'));
  const logisticData = (label: string): LabelledTable => {
    const ds = makeLogisticData({
      n,
      weights: LOGISTIC_CONTROL_WEIGHTS,
      intercept: 0,
      seed: ctx.rng.fork(label).int(2 ** 31),
    });
    return {
      x: { data: Float64Array.from(ds.features), rows: n, cols: ds.featureNames.length },
      labels: ds.target,
    };
  };
  const [logisticTrain, logisticTest] = [logisticData('logistic-train'), logisticData('logistic-test')];
  const e = explainedRows(train.x, budget, ctx.rng.fork('explained'));
  // 2. LR.
  const { fit, l2 } = fitBinaryLogistic(train.x, train.labels);
  const lrF = explainedOutput(fromLogistic(fit), { output: 'logit' });
  // 3–4. The MLPs.
  const seed = ctx.rng.fork('mlp').int(2 ** 31);
  const build: MlpFactory = mlp ?? ((i) => trainTabularMlp(i.x, i.labels, i.classes, i.seed, budget.epochs));
  const models: (tfl.LayersModel | undefined)[] = [];
  try {
    const model = await build({ dataset: 'xor', x: train.x, labels: train.labels, classes: 2, seed });
    models.push(model);
    const controls = untrainedControls(model, ctx.seed);
    models.push(...controls.map((c) => c.model));
    const logisticModel = await trainTabularMlp(
      logisticTrain.x,
      logisticTrain.labels,
      2,
      seed,
      budget.epochs,
    );
    models.push(logisticModel);
    const eLogistic = explainedRows(logisticTrain.x, budget, ctx.rng.fork('explained-logistic'));
    return {
      featureNames: XOR_FEATURE_NAMES,
      trainRows: n,
      testRows: n,
      rows: e.rows.rows,
      background: e.background.rows,
      explainedX: e.rows,
      lrL2: l2,
      lrCoefficients: Float64Array.from(fit.coefficients),
      lrAccuracy: accuracyOf(lrF.evaluate(test.x), test.labels),
      lr: measureInteractions(lrF, e.rows, e.background),
      mlp: measureModel('XOR MLP', model, e, test),
      untrained: controls.map((c) => measureModel(c.label, c.model, e, test)),
      logistic: measureModel('logistic-data MLP', logisticModel, eLogistic, logisticTest),
    };
  } finally {
    disposeAll(models);
  }
}
