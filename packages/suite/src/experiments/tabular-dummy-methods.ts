/**
 * Every tabular attribution method of `tabular-dummy-feature`, reduced to one importance per feature: mean |φ_j|
 * over the explained rows (exact, KernelSHAP, integrated and expected gradients on the MLP; LinearSHAP on LR) or the
 * mean log-loss drop when feature j is permuted (permutation importance, a global method, on the whole table).
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ExactLogisticFit } from '@openbox/logistic';
import {
  exactShapley,
  expectedGradients,
  explainedOutput,
  fromLayersModel,
  fromLogistic,
  integratedGradients,
  kernelShap,
  linearShap,
  permutationImportance,
  type Explanation,
  type Matrix,
} from '@openbox/tabular';
import type { ExplainedRows } from './tabular-models.js';

/** The methods, declared once, in report order. */
export const DUMMY_METHOD_IDS = [
  'exact',
  'kernel',
  'permutation',
  'integratedGradients',
  'expectedGradients',
  'linear',
] as const;
export type DummyMethodId = (typeof DUMMY_METHOD_IDS)[number];

/** KernelSHAP coalitions per row: fewer than the 2^8 − 2 = 254 that would be enumerated, so it really samples. */
export const KERNEL_SAMPLES = 128;
/** Permutation-importance shuffles per feature. */
export const PERMUTATION_REPEATS = 5;

/** What a method reads: the model under study (an MLP, or LR for `linear`), the rows, the table and a seed. */
export interface DummyMethodInput {
  readonly mlp: tfl.LayersModel;
  readonly lr: ExactLogisticFit;
  readonly explained: ExplainedRows;
  /** The whole labelled table (permutation importance). */
  readonly x: Matrix;
  readonly labels: ArrayLike<number>;
  readonly seed: number;
}

/** A method: its label in reasons and charts, which model it explains, and its importance per feature. */
export interface DummyMethod {
  readonly label: string;
  readonly model: 'MLP' | 'LR';
  importance(input: DummyMethodInput): Float64Array;
}

/** Mean over rows of |φ_rj|, per feature. */
export function meanAbs(e: Pick<Explanation, 'values' | 'rows' | 'features'>): Float64Array {
  const out = new Float64Array(e.features);
  for (let r = 0; r < e.rows; r++)
    for (let j = 0; j < e.features; j++) out[j]! += Math.abs(e.values[r * e.features + j]!);
  return out.map((v) => v / e.rows);
}

const mlpLogit = (i: DummyMethodInput) => explainedOutput(fromLayersModel(i.mlp), { output: 'logit' });
const local = (i: DummyMethodInput) => ({ background: i.explained.background, seed: i.seed });

/** Every method, keyed by id; a missing one is a type error. All explain the log-odds of class 1. */
export const DUMMY_METHODS: Record<DummyMethodId, DummyMethod> = {
  exact: {
    label: 'exact Shapley (MLP)',
    model: 'MLP',
    importance: (i) => meanAbs(exactShapley.explain(mlpLogit(i), i.explained.rows, local(i))),
  },
  kernel: {
    label: `KernelSHAP, ${KERNEL_SAMPLES} samples (MLP)`,
    model: 'MLP',
    importance: (i) =>
      meanAbs(kernelShap.explain(mlpLogit(i), i.explained.rows, { ...local(i), samples: KERNEL_SAMPLES })),
  },
  permutation: {
    label: 'permutation importance, log-loss (MLP)',
    model: 'MLP',
    importance: (i) =>
      Float64Array.from(
        permutationImportance(fromLayersModel(i.mlp), i.x, i.labels, {
          metric: 'log-loss',
          repeats: PERMUTATION_REPEATS,
          seed: i.seed,
        }).features,
        (f) => f.mean,
      ),
  },
  integratedGradients: {
    label: 'integrated gradients from the background mean (MLP)',
    model: 'MLP',
    importance: (i) => meanAbs(integratedGradients.explain(mlpLogit(i), i.explained.rows, local(i))),
  },
  expectedGradients: {
    label: 'expected gradients (MLP)',
    model: 'MLP',
    importance: (i) => meanAbs(expectedGradients.explain(mlpLogit(i), i.explained.rows, local(i))),
  },
  linear: {
    label: 'LinearSHAP (LR)',
    model: 'LR',
    importance: (i) =>
      meanAbs(
        linearShap.explain(
          explainedOutput(fromLogistic(i.lr), { output: 'logit' }),
          i.explained.rows,
          local(i),
        ),
      ),
  },
};

/**
 * The dummy's importance over the largest feature's: |I_dummy| / max_j I_j (permutation importance can be slightly
 * negative, hence the absolute value; 1 when the dummy is itself the largest).
 */
export function dummyShare(importance: Float64Array, dummy: number): number {
  const max = Math.max(...importance);
  return max > 0 ? Math.abs(importance[dummy]!) / max : 1;
}
