/**
 * The two models of one table: a seeded MLP (`trainMlp`, trained once) and, per class, an exact one-vs-rest logistic
 * regression (fitted on first use), with the background both are explained against.
 */
import { fitExactLogistic } from '@openbox/logistic';
import { initBackend } from '@openbox/runtime';
import {
  explainedOutput,
  fromLayersModel,
  fromLogistic,
  sampleBackground,
  trainMlp,
  type ExplainedFunction,
  type Matrix,
  type TabularClassifier,
  type TrainedMlp,
} from '@openbox/tabular';
import type { TabularTable } from './tabular-datasets.js';

/** How the page's models are made (fixed, so every visitor sees the same numbers). */
export const TABULAR_MODEL_SETTINGS = {
  /** Seed of the MLP (initialization, validation split, batches) and of the background sample. */
  seed: 0,
  /** Hidden layers of the MLP (ReLU; `trainMlp`'s other defaults: Adam 0.01, L2 1e-4, early stopping). */
  hidden: [16, 8],
  /**
   * Penalty of the logistic regressions, Σ log-loss + (l2/2)‖β‖²: 1 is scikit-learn's default (C = 1), enough for
   * a separable class (Gentoo vs rest) to have finite coefficients.
   */
  lrL2: 1,
  /** Background rows sampled from the table (SHAP's usual 100). */
  background: 100,
} as const;

/** One model's view of one class. */
export interface ClassModel {
  /** What the model is, e.g. "MLP 4-16-8-3 (softmax)". */
  readonly label: string;
  /** logit P(class) = log p/(1 − p): what is explained (affine for LR, so LinearSHAP's closed form applies). */
  readonly logit: ExplainedFunction;
  readonly probability: ExplainedFunction;
}

/** One class's view of both models and their accuracies. */
export interface ClassModels {
  readonly lr: ClassModel;
  readonly mlp: ClassModel;
  /** Share of the table's rows each model classifies right as "this class or not" (P(class) > 0.5). */
  readonly accuracy: { readonly lr: number; readonly mlp: number };
}

/** Both models of a table. */
export interface TabularModels {
  readonly table: TabularTable;
  readonly background: Matrix;
  readonly mlp: TrainedMlp;
  /** The class's models, built (LR fitted) on first use and kept. */
  forClass(k: number): ClassModels;
}

/** Share of rows where (p > 0.5) equals (label === k). */
function accuracyOf(p: Float64Array, labels: Int32Array, k: number): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (p[i]! > 0.5 === (labels[i] === k)) right++;
  return right / labels.length;
}

/**
 * Trains the MLP on `table` (all rows; `trainMlp` holds 20% of each class out for early stopping), samples the
 * background, and returns the models. The caller keeps the result (one per table per process).
 * @example const models = await buildTabularModels(loadTabularTable('penguins')); models.forClass(2).accuracy
 */
export async function buildTabularModels(table: TabularTable): Promise<TabularModels> {
  // 1. The backend (the CLI has set one; a bare `serveDashboard` has not), the MLP and the background.
  await initBackend();
  const { seed, hidden, lrL2 } = TABULAR_MODEL_SETTINGS;
  const classes = table.classNames.length;
  const mlp = await trainMlp({ x: table.x, labels: table.labels, classes }, { hidden, seed });
  const mlpClassifier = fromLayersModel(mlp.model);
  const background = sampleBackground(table.x, TABULAR_MODEL_SETTINGS.background, seed);
  // 2. Per class, on first use: the one-vs-rest LR and both models' accuracies on that task.
  const cache = new Map<number, ClassModels>();
  const forClass = (k: number): ClassModels => {
    const hit = cache.get(k);
    if (hit !== undefined) return hit;
    const target = Float64Array.from(table.labels, (c) => (c === k ? 1 : 0));
    const fit = fitExactLogistic(
      {
        features: table.x.data,
        shape: [table.x.rows, table.x.cols],
        featureNames: table.featureNames,
        target,
      },
      { l2: lrL2 },
    );
    const lrClassifier = fromLogistic(
      fit,
      `logistic regression (${table.classNames[k]} vs rest, l2 ${lrL2})`,
    );
    const view = (classifier: TabularClassifier, target: number): ClassModel => ({
      label: classifier.label,
      logit: explainedOutput(classifier, { target, output: 'logit' }),
      probability: explainedOutput(classifier, { target }),
    });
    const lr = view(lrClassifier, 1);
    const mlp = view(mlpClassifier, k);
    const built: ClassModels = {
      lr,
      mlp,
      accuracy: {
        lr: accuracyOf(lr.probability.evaluate(table.x), table.labels, k),
        mlp: accuracyOf(mlp.probability.evaluate(table.x), table.labels, k),
      },
    };
    cache.set(k, built);
    return built;
  };
  return { table, background, mlp, forClass };
}
