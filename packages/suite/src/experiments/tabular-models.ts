/**
 * The models and rows the tabular experiments share: one MLP recipe (`trainMlp` of `@openbox/tabular`), its
 * untrained controls (`reinitializedCopy` of the trained net, seeds from {@link controlSeeds}), exact logistic
 * regression with the separation fallback, and the seeded rows explained and the background they are explained against.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import { fitExactLogistic, type ExactLogisticFit } from '@openbox/logistic';
import { reinitializedCopy, type Rng } from '@openbox/runtime';
import { controlSeeds } from '../controls/control-models.js';
import { fitWithSeparationFallback } from './tabular-data.js';
import { sampleBackground, selectRows, trainMlp, type Matrix } from '@openbox/tabular';

/** Hidden layers of every tabular MLP: two ReLU layers, small enough for a quick run on one core. */
export const TABULAR_MLP_HIDDEN = [16, 8] as const;

/** The budget of one tabular experiment. */
export interface TabularBudget {
  /** Rows explained. */
  readonly rows: number;
  /** Background rows (v(S) = mean over them). */
  readonly background: number;
  /** Most training epochs (early stopping on a 20% validation split usually ends sooner). */
  readonly epochs: number;
}

/** Quick: 30 rows against 50 background rows; full: 100 against 100. */
export const tabularBudget = (quick: boolean): TabularBudget =>
  quick ? { rows: 30, background: 50, epochs: 150 } : { rows: 100, background: 100, epochs: 400 };

/**
 * The experiments' MLP: `trainMlp` with {@link TABULAR_MLP_HIDDEN} (ReLU), L2 1e-4, Adam 0.01, batches of 64 (half the steps of the default 32: a quick run stays quick), early
 * stopping (patience 20) on a stratified 20% validation split, at most `epochs` epochs. The caller disposes the model.
 * @example const mlp = await trainTabularMlp(x, labels, 3, 0, 150);
 */
export async function trainTabularMlp(
  x: Matrix,
  labels: ArrayLike<number>,
  classes: number,
  seed: number,
  epochs: number,
): Promise<tfl.LayersModel> {
  const trained = await trainMlp(
    { x, labels, classes },
    { hidden: TABULAR_MLP_HIDDEN, epochs, batchSize: 64, seed },
  );
  return trained.model;
}

/** What an {@link MlpFactory} gets: the standardized table with every class, and a seed drawn from the run. */
export interface MlpInput {
  /** The dataset's id (`penguins`, `cars`). */
  readonly dataset: string;
  readonly x: Matrix;
  readonly labels: Int32Array;
  readonly classes: number;
  readonly seed: number;
}

/** Builds the MLP under study (softmax over `classes`); the experiment's default trains one. It is disposed after use. */
export type MlpFactory = (input: MlpInput) => Promise<tfl.LayersModel>;

/** One untrained control: the architecture under study with every layer redrawn from its initializer. */
export interface UntrainedControl {
  /** `re-initialized (seed N)`, as verdicts and charts name it (the CNN experiments' wording). */
  readonly label: string;
  readonly model: tfl.LayersModel;
}

/**
 * `CONTROL_COUNT` fully re-initialized copies of `model` (Adebayo et al. 2018's model randomization), with the run
 * seed's {@link controlSeeds}, as the CNN experiments draw theirs. The caller disposes them ({@link disposeAll}).
 * @example const controls = untrainedControls(mlp, ctx.seed);
 */
export function untrainedControls(model: tfl.LayersModel, runSeed: number): UntrainedControl[] {
  const built: UntrainedControl[] = [];
  try {
    for (const seed of controlSeeds(runSeed))
      built.push({ label: `re-initialized (seed ${seed})`, model: reinitializedCopy(model, { seed }) });
    return built;
  } catch (error) {
    built.forEach((c) => c.model.dispose());
    throw error;
  }
}

/** Disposes every model given (controls' models, MLPs); `undefined` entries are skipped. */
export function disposeAll(models: readonly (tfl.LayersModel | undefined)[]): void {
  for (const m of models) m?.dispose();
}

/** A binary exact logistic fit (l2 = 0, or {@link SEPARATION_L2} when the classes are separable) and its penalty. */
export function fitBinaryLogistic(
  x: Matrix,
  target: ArrayLike<number>,
): { fit: ExactLogisticFit; l2: number; separable: boolean } {
  const data = { features: x.data, shape: [x.rows, x.cols], target };
  return fitWithSeparationFallback((l2) => fitExactLogistic(data, { l2 }));
}

/** A seeded Fisher–Yates permutation of `labels` (the data-randomization control's labels). */
export function shuffledLabels(labels: Int32Array, rng: Rng): Int32Array {
  const out = Int32Array.from(labels);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `count` distinct row indices of `0..n − 1` (partial Fisher–Yates from `rng`), increasing. */
export function sampleIndices(n: number, count: number, rng: Rng): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const k = Math.min(count, n);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.subarray(0, k).sort();
}

/** The rows explained and the background, both drawn from `x` with generators forked from `rng`. */
export interface ExplainedRows {
  /** Row indices of `x` explained, increasing. */
  readonly indices: Int32Array;
  readonly rows: Matrix;
  readonly background: Matrix;
}

/**
 * `budget.rows` rows of `x` to explain (fork 'rows') and `budget.background` background rows (`sampleBackground`
 * with a seed from fork 'background'), drawn independently, as SHAP users draw both from the training table.
 */
export function explainedRows(x: Matrix, budget: TabularBudget, rng: Rng): ExplainedRows {
  const indices = sampleIndices(x.rows, budget.rows, rng.fork('rows'));
  const seed = rng.fork('background').int(2 ** 31);
  return { indices, rows: selectRows(x, indices), background: sampleBackground(x, budget.background, seed) };
}
