/** The `model.fit` arm of the logistic experiments: the usual tfjs training, its coefficient gap to the exact fit per epoch. */
import type { Rng } from '@openbox/runtime';
import type { LogisticComparison } from './logistic-fits.js';
import { oneHot } from './logistic-fits.js';
import { trainWithModelFit, type ModelFitParameters } from './logistic-model-fit.js';

/** Adam's learning rate in every curve (tfjs's `tf.train.adam(0.01)`, the rate the tfjs examples use). */
export const MODEL_FIT_LEARNING_RATE = 0.01;

/**
 * The arm's own tolerance on max |Δ| (standardized features): 0.01 in a per-SD log-odds coefficient is 1% in its odds
 * ratio (e^0.01 ≈ 1.01), below what a coefficient table prints. Looser than the claim's 1e-4, which only a net trained
 * to convergence reaches; the curves show both.
 */
export const MODEL_FIT_TOLERANCE = 0.01;

/**
 * Epochs at which the parameters are read, per curve; the last is the budget. Full batch: one Adam step per epoch
 * (≈ 5–10 ms each on wasm, 2 cores); mini-batches of 32: ⌈n/32⌉ steps per epoch, so fewer epochs, binary task only.
 */
export const MODEL_FIT_CHECKPOINTS = {
  quick: { full: [10, 30, 100], batch32: [3, 10] },
  full: { full: [10, 30, 100, 300, 1000], batch32: [10, 30, 100] },
} as const;

/** One curve: a task and batch size, the gap at each checkpoint, and the parameters at the last one. */
export interface ModelFitCurve {
  /** e.g. `Dense(1, sigmoid), full batch`. */
  readonly label: string;
  readonly task: 'binary' | 'multinomial';
  readonly batchSize: number | 'full';
  readonly epochs: readonly number[];
  /** max |Δ| over intercepts and coefficients vs the exact fit (softmax rows centred), per checkpoint. */
  readonly maxAbs: readonly number[];
  /** The parameters after the last epoch. */
  readonly final: ModelFitParameters;
  /** First checkpoint epoch with max |Δ| ≤ {@link MODEL_FIT_TOLERANCE}, or null. */
  readonly firstEpochWithin: number | null;
  /** The tfjs kernel-regularizer strength, l2/(2n). */
  readonly tfjsL2: number;
}

/** The arm: its curves and whether every curve ends within {@link MODEL_FIT_TOLERANCE}. */
export interface ModelFitArm {
  readonly learningRate: number;
  readonly tolerance: number;
  readonly curves: readonly ModelFitCurve[];
  readonly withinTolerance: boolean;
}

/** max |Δ| over intercepts and coefficients of two parameter sets. */
export function maxAbsDelta(
  a: ModelFitParameters,
  b: { intercepts: ArrayLike<number>; coefficients: ArrayLike<number> },
): number {
  let m = 0;
  for (let k = 0; k < a.intercepts.length; k++)
    m = Math.max(m, Math.abs(a.intercepts[k]! - b.intercepts[k]!));
  for (let j = 0; j < a.coefficients.length; j++)
    m = Math.max(m, Math.abs(a.coefficients[j]! - b.coefficients[j]!));
  return Number.isNaN(m) ? Infinity : m;
}

/**
 * Train the claim's nets with `model.fit` (cross-entropy, Adam {@link MODEL_FIT_LEARNING_RATE}, the same L2 as the
 * exact fit each is compared with, same standardized features): 1. Dense(1, sigmoid), full batch; 2. Dense(1,
 * sigmoid), batches of 32; 3. Dense(K, softmax), full batch. Each curve's gap is against the exact binary fit or the
 * exact (centred) multinomial fit of `c`. `seed` seeds the glorot kernels; `shuffleRng` each epoch's row order.
 */
export async function runModelFitArm(
  c: LogisticComparison,
  options: { readonly quick: boolean; readonly seed: number; readonly shuffleRng: Rng },
): Promise<ModelFitArm> {
  const { problem, binary, multinomial } = c;
  const { n, d } = problem;
  const k = problem.classNames.length;
  const budget = options.quick ? MODEL_FIT_CHECKPOINTS.quick : MODEL_FIT_CHECKPOINTS.full;
  const exactBinary = { intercepts: [binary.exact.intercept], coefficients: binary.exact.coefficients };
  const specs = [
    { task: 'binary', batchSize: 'full', checkpoints: budget.full, units: 1 },
    { task: 'binary', batchSize: 32, checkpoints: budget.batch32, units: 1 },
    { task: 'multinomial', batchSize: 'full', checkpoints: budget.full, units: k },
  ] as const;
  const curves: ModelFitCurve[] = [];
  for (const s of specs) {
    const binaryTask = s.task === 'binary';
    const trace = await trainWithModelFit(
      problem.features,
      binaryTask ? Float32Array.from(binary.data.target) : oneHot(problem.target, k),
      [n, d, s.units],
      binaryTask ? 'sigmoid' : 'softmax',
      {
        learningRate: MODEL_FIT_LEARNING_RATE,
        batchSize: s.batchSize,
        checkpoints: s.checkpoints,
        l2: binaryTask ? binary.l2 : multinomial.l2,
        seed: options.seed,
        shuffleRng: options.shuffleRng,
      },
    );
    const reference = binaryTask ? exactBinary : multinomial.exact;
    const maxAbs = trace.checkpoints.map((cp) => maxAbsDelta(cp.parameters, reference));
    const within = trace.checkpoints.find((_, i) => maxAbs[i]! <= MODEL_FIT_TOLERANCE);
    curves.push({
      label: `Dense(${s.units}, ${binaryTask ? 'sigmoid' : 'softmax'}), ${s.batchSize === 'full' ? 'full batch' : `batches of ${s.batchSize}`}`,
      task: s.task,
      batchSize: s.batchSize,
      epochs: trace.checkpoints.map((cp) => cp.epoch),
      maxAbs,
      final: trace.checkpoints.at(-1)!.parameters,
      firstEpochWithin: within?.epoch ?? null,
      tfjsL2: trace.tfjsL2,
    });
  }
  return {
    learningRate: MODEL_FIT_LEARNING_RATE,
    tolerance: MODEL_FIT_TOLERANCE,
    curves,
    withinTolerance: curves.every((cv) => cv.maxAbs.at(-1)! <= MODEL_FIT_TOLERANCE),
  };
}
