/**
 * One dataset of `tabular-lr-vs-mlp`: exact LR (class vs rest) explained by LinearSHAP in log-odds, the MLP (softmax
 * over every class) explained by exact Shapley values of logit P(class), on the same rows and background; and the
 * same MLP architecture re-initialized, explained the same way, as the control.
 */
import type { Dataset } from '@openbox/datasets';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Rng } from '@openbox/runtime';
import { attributionAgreement, type AttributionAgreement } from './tabular-agreement.js';
import {
  exactShapley,
  explainedOutput,
  fromLayersModel,
  fromLogistic,
  linearShap,
  type Matrix,
} from '@openbox/tabular';
import { binaryView, toTabularProblem } from './tabular-data.js';
import {
  disposeAll,
  explainedRows,
  fitBinaryLogistic,
  trainTabularMlp,
  untrainedControls,
  type ExplainedRows,
  type MlpFactory,
  type TabularBudget,
} from './tabular-models.js';

/** A dataset of the experiment and the class LR separates from the rest. */
export interface LrVsMlpDataset {
  /** `penguins` or `cars`: the metrics' prefix. */
  readonly id: string;
  readonly load: () => Dataset;
  readonly positiveClass: string;
}

/** The measurements on one dataset. */
export interface LrVsMlpMeasurement {
  readonly dataset: LrVsMlpDataset;
  readonly featureNames: readonly string[];
  readonly l2: number;
  readonly separable: boolean;
  readonly lrCoefficients: Float64Array;
  /** Share of all rows LR (p ≥ 0.5) and the MLP (argmax) classify right (class vs rest for LR, all classes for the MLP). */
  readonly lrAccuracy: number;
  readonly mlpAccuracy: number;
  readonly explained: ExplainedRows;
  /** rows × d: LinearSHAP of LR in log-odds, exact Shapley of the MLP's logit P(class). */
  readonly lrValues: Float64Array;
  readonly mlpValues: Float64Array;
  readonly agreement: AttributionAgreement;
  readonly controls: readonly { readonly label: string; readonly agreement: AttributionAgreement }[];
}

/** Share of rows whose argmax over the MLP's class probabilities is their class. */
function argmaxAccuracy(model: tfl.LayersModel, x: Matrix, labels: Int32Array, classes: number): number {
  const scores = fromLayersModel(model).scores(x);
  let right = 0;
  for (let r = 0; r < x.rows; r++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (scores[r * classes + k]! > scores[r * classes + best]!) best = k;
    if (best === labels[r]) right++;
  }
  return right / x.rows;
}

/** Exact Shapley values of logit P(class k) of `model` at the explained rows. */
function mlpShapley(model: tfl.LayersModel, k: number, e: ExplainedRows): Float64Array {
  const f = explainedOutput(fromLayersModel(model), { target: k, output: 'logit' });
  return exactShapley.explain(f, e.rows, { background: e.background }).values;
}

/**
 * Measures one dataset, standardized (float64, population SD): (1) LR of `positiveClass` vs rest, l2 = 0 unless the
 * classes are separable (then 1, and `separable` says so); (2) the MLP (`mlp`, default {@link trainTabularMlp}) on
 * all classes; (3) the rows and background (from `rng`); (4) both explanations and their agreement; (5) the same for
 * each re-initialized copy of the MLP. Models built here are disposed; a factory's model is disposed too.
 */
export async function measureLrVsMlp(
  dataset: LrVsMlpDataset,
  budget: TabularBudget,
  runSeed: number,
  rng: Rng,
  mlp?: MlpFactory,
): Promise<LrVsMlpMeasurement> {
  // 1. The table and LR.
  const problem = toTabularProblem(dataset.load());
  const x: Matrix = { data: problem.features, rows: problem.n, cols: problem.d };
  const binary = binaryView(problem, dataset.positiveClass);
  const k = problem.classNames.indexOf(dataset.positiveClass);
  const { fit, l2, separable } = fitBinaryLogistic(x, binary.target);
  const lr = explainedOutput(fromLogistic(fit), { output: 'logit' });
  const lrPredicted = lr.evaluate(x);
  const lrAccuracy =
    lrPredicted.reduce((s, z, r) => s + ((z >= 0 ? 1 : 0) === binary.target[r] ? 1 : 0), 0) / x.rows;
  // 2. The MLP.
  const classes = problem.classNames.length;
  const seed = rng.fork('mlp').int(2 ** 31);
  const build: MlpFactory = mlp ?? ((i) => trainTabularMlp(i.x, i.labels, i.classes, i.seed, budget.epochs));
  const model = await build({ dataset: dataset.id, x, labels: problem.target, classes, seed });
  let controls: ReturnType<typeof untrainedControls> = [];
  try {
    controls = untrainedControls(model, runSeed);
    // 3–4. Rows, background, both explanations.
    const explained = explainedRows(x, budget, rng);
    const lrValues = linearShap.explain(lr, explained.rows, { background: explained.background }).values;
    const mlpValues = mlpShapley(model, k, explained);
    const agree = (values: Float64Array) =>
      attributionAgreement(lrValues, values, explained.rows.rows, x.cols);
    // 5. The controls.
    return {
      dataset,
      featureNames: problem.featureNames,
      l2,
      separable,
      lrCoefficients: Float64Array.from(fit.coefficients),
      lrAccuracy,
      mlpAccuracy: argmaxAccuracy(model, x, problem.target, classes),
      explained,
      lrValues,
      mlpValues,
      agreement: agree(mlpValues),
      controls: controls.map((c) => ({
        label: c.label,
        agreement: agree(mlpShapley(c.model, k, explained)),
      })),
    };
  } finally {
    disposeAll([model, ...controls.map((c) => c.model)]);
  }
}
