/**
 * `trainMlp`: a seeded MLP classifier for a table, trained by Adam on mini-batches with L2 and early stopping, so that
 * a user can set a deep net beside the exact logistic regression on the same rows.
 *
 * Objective per batch B (Keras's): (1/|B|) Σ_{i∈B} CE(yᵢ, f(xᵢ)) + l2 · Σ_layers ‖W‖², CE the binary (one sigmoid
 * unit) or categorical (softmax) cross-entropy computed from the logits. Adam (Kingma & Ba 2015, arXiv:1412.6980).
 * Early stopping on a stratified validation split with `restore_best_weights` (Prechelt 1998, "Early stopping — but
 * when?").
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '@openbox/runtime';
import { selectRows, toMatrix, type MatrixLike } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { buildMlp } from './build-mlp.js';
import { fitLoop, type TrainMlpEpoch } from './fit-loop.js';
import { stratifiedSplit } from './stratified-split.js';
import { resolveTrainMlpOptions, type TrainMlpOptions } from './train-mlp-options.js';

export type { TrainMlpEpoch } from './fit-loop.js';

/** A table to learn: `x` (rows × features), one class index 0..classes − 1 per row, and the number of classes. */
export interface TrainMlpData {
  readonly x: MatrixLike;
  readonly labels: ArrayLike<number>;
  /** At least 2; 2 gives one sigmoid output unit, more give `classes` softmax units. */
  readonly classes: number;
}

/** A trained MLP and the account of its training. */
export interface TrainedMlp {
  /** `hidden1…`, `out`, with the best epoch's weights; the caller disposes it. */
  readonly model: tfl.LayersModel;
  /** One entry per epoch run, `history[e].epoch === e` (0-based). */
  readonly history: readonly TrainMlpEpoch[];
  /** The epoch whose weights `model` holds: the lowest validation loss, or the last epoch without validation. */
  readonly bestEpoch: number;
  /** The last epoch run (`history.length − 1`); below `epochs − 1` when early stopping ended training. */
  readonly stoppedEpoch: number;
  /** Rows of `data.x` trained on, increasing. */
  readonly trainIndices: Int32Array;
  /** Rows held out (empty when `validationFraction` is 0), increasing. */
  readonly validationIndices: Int32Array;
  /** Share of training rows `model` classifies right (argmax, or p > 0.5 for one sigmoid unit). */
  readonly trainAccuracy: number;
  /** The same on the validation rows; absent without validation. */
  readonly validationAccuracy?: number;
}

const FN = 'trainMlp';

/**
 * Train an MLP `features → hidden… → classes` on `data` (see {@link TrainMlpOptions} for the defaults), in steps:
 * (1) check the data and options; (2) split each class's rows (seeded) into training and validation; (3) build the
 * seeded net ({@link buildMlp}); (4) run Adam epochs over seeded batch orders, early-stopping on the validation
 * loss; (5) measure accuracy. The generator `createRng(seed)` is forked into 'split', 'init' and 'batches', so every
 * random choice is the seed's: on the cpu backend the same seed gives the same weights bit for bit.
 * Differs from Keras in one respect: `valLoss` is the validation cross-entropy without the L2 term (Keras adds it).
 * Leaves no tensor behind except the returned model.
 * @example
 * const { model, validationAccuracy } = await trainMlp({ x, labels, classes: 3 }, { hidden: [16], seed: 0 });
 */
export async function trainMlp(data: TrainMlpData, options: TrainMlpOptions): Promise<TrainedMlp> {
  // 1. Data and options.
  const raw = data?.x as unknown;
  const features = Array.isArray(raw)
    ? ((raw[0] as unknown[] | undefined)?.length ?? 0)
    : (raw as { cols?: number })?.cols;
  const x = toMatrix(FN, 'data.x', data?.x, features ?? 0);
  const classes = data.classes;
  if (!Number.isInteger(classes) || classes < 2)
    throw new Error(MESSAGES.tooFewClasses(FN, 'data.classes', classes));
  const labels = checkLabels(data.labels, x.rows, classes);
  const o = resolveTrainMlpOptions(FN, options);
  const rng = createRng(o.seed);
  // 2. Split.
  const { trainIndices, validationIndices } = stratifiedSplit(
    labels,
    classes,
    o.validationFraction,
    rng.fork('split'),
  );
  if (trainIndices.length === 0 || (o.validationFraction > 0 && validationIndices.length === 0))
    throw new Error(
      MESSAGES.emptySplit(FN, o.validationFraction, trainIndices.length, validationIndices.length),
    );
  // 3. The net.
  const model = buildMlp(
    { features: x.cols, classes, hidden: o.hidden, activation: o.activation, l2: o.l2 },
    rng.fork('init'),
  );
  // 4–5. Train, then measure.
  const part = (indices: Int32Array) => ({
    x: selectRows(x, indices),
    labels: Int32Array.from(indices, (i) => labels[i]!),
  });
  try {
    const fit = fitLoop(
      model,
      part(trainIndices),
      validationIndices.length > 0 ? part(validationIndices) : undefined,
      {
        ...o,
        classes,
        rng: rng.fork('batches'),
      },
    );
    return { model, trainIndices, validationIndices, ...fit };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

function checkLabels(labels: ArrayLike<number>, rows: number, classes: number): ArrayLike<number> {
  const length = (labels as { length?: unknown } | null)?.length;
  if (typeof length !== 'number' || length !== rows)
    throw new Error(MESSAGES.labelsLength(FN, typeof length === 'number' ? length : 0, rows));
  for (let i = 0; i < rows; i++) {
    const v = labels[i];
    if (!Number.isInteger(v) || v! < 0 || v! >= classes)
      throw new Error(MESSAGES.labelRange(FN, i, v, classes));
  }
  return labels;
}
