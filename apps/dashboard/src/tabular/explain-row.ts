/**
 * One row explained by both models: LR's LinearSHAP values and the MLP's exact Shapley values of logit P(class),
 * against the same background, with both waterfalls, probabilities, accuracies and their agreement.
 */
import type { TopLevelSpec } from 'vega-lite';
import { shapWaterfall } from '@openbox/charts';
import { exactShapley, linearShap, selectRows, type LocalExplainer } from '@openbox/tabular';
import { agreement, type TabularAgreement } from './agreement.js';
import type { ClassModel, TabularModels } from './tabular-models.js';

/** One model's explanation of the row, in logit P(class) (log-odds). */
export interface TabularModelExplanation {
  /** What the model is, e.g. "MLP 4-16-8-3 (softmax)". */
  readonly model: string;
  /** The explainer: `linear` (LinearSHAP) or `exact` (exact interventional Shapley values). */
  readonly method: string;
  /** P(class) of the row. */
  readonly probability: number;
  /** logit P(class) of the row: f(x). */
  readonly prediction: number;
  /** E_bg[f]: the mean logit over the background. */
  readonly baseValue: number;
  /** φ_j per feature; Σ_j φ_j = prediction − baseValue. */
  readonly values: readonly number[];
}

/** The JSON of `POST /api/tabular/explain`. */
export interface TabularExplainReply {
  readonly dataset: string;
  readonly class: number;
  readonly className: string;
  readonly row: number;
  readonly rows: number;
  readonly features: readonly string[];
  /** The row in the dataset's units. */
  readonly featureValues: readonly number[];
  /** The row standardized: what the models read and the values are computed on. */
  readonly standardized: readonly number[];
  /** The row's true class index (and its name in `labelName`). */
  readonly label: number;
  readonly labelName: string;
  /** What is explained, e.g. "logit P(Adelie)". */
  readonly output: string;
  readonly lr: TabularModelExplanation;
  readonly mlp: TabularModelExplanation;
  /** Share of all rows each model gets right as "this class or not" (P(class) > 0.5). */
  readonly accuracy: { readonly lr: number; readonly mlp: number };
  readonly agreement: TabularAgreement;
  /** The two SHAP waterfalls (`shapWaterfall` Vega-Lite specs). */
  readonly charts: { readonly lr: TopLevelSpec; readonly mlp: TopLevelSpec };
}

const explainOne = (
  explainer: LocalExplainer,
  model: ClassModel,
  models: TabularModels,
  row: number,
): TabularModelExplanation => {
  const x = selectRows(models.table.x, [row]);
  const e = explainer.explain(model.logit, x, { background: models.background });
  return {
    model: model.label,
    method: e.method,
    probability: model.probability.evaluate(x)[0]!,
    prediction: e.predictions[0]!,
    baseValue: e.baseValue,
    values: Array.from(e.values),
  };
};

/**
 * Explains `row` of the table for class `k` (both checked by the caller), in steps: (1) LinearSHAP on LR and exact
 * Shapley on the MLP; (2) agreement; (3) the waterfalls; (4) the reply.
 * @example explainTabularRow(await buildTabularModels(loadTabularTable('penguins')), 0, 5).agreement.summary
 */
export function explainTabularRow(models: TabularModels, k: number, row: number): TabularExplainReply {
  // 1. Both explanations.
  const { table } = models;
  const cls = models.forClass(k);
  const lr = explainOne(linearShap, cls.lr, models, row);
  const mlp = explainOne(exactShapley, cls.mlp, models, row);
  // 2. Agreement.
  const features = table.featureNames;
  const featureValues = Array.from(table.raw.data.subarray(row * table.raw.cols, (row + 1) * table.raw.cols));
  const className = table.classNames[k]!;
  const output = `logit P(${className})`;
  // 3. Waterfalls, labelled with the row's values in the dataset's units.
  const waterfall = (e: TabularModelExplanation) =>
    shapWaterfall(
      {
        features,
        values: e.values,
        featureValues,
        baseValue: e.baseValue,
        prediction: e.prediction,
        label: output,
      },
      { width: 360 },
    );
  const label = table.labels[row]!;
  return {
    dataset: table.name,
    class: k,
    className,
    row,
    rows: table.x.rows,
    features,
    featureValues,
    standardized: Array.from(table.x.data.subarray(row * table.x.cols, (row + 1) * table.x.cols)),
    label,
    labelName: table.classNames[label]!,
    output,
    lr,
    mlp,
    accuracy: cls.accuracy,
    agreement: agreement(features, lr.values, mlp.values),
    charts: {
      lr: waterfall(lr),
      mlp: waterfall(mlp),
    },
  };
}
