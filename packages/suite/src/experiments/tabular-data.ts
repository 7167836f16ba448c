/** Shared tabular helpers of the logistic experiments: float64 standardization, binary/multiclass views, accuracy. */
import type { Dataset } from '@openbox/datasets';
import {
  IllPosedError,
  standardizeColumns,
  type BinaryData,
  type MulticlassData,
  type Standardization,
} from '@openbox/logistic';

/** L2 used when the maximum-likelihood estimate does not exist (separation): Σ log-loss + (l2/2)·‖w‖². */
export const SEPARATION_L2 = 1;

/** A tabular dataset standardized once (mean, population std) in float64, with its class target. */
export interface TabularProblem {
  readonly dataset: string;
  readonly n: number;
  readonly d: number;
  readonly featureNames: readonly string[];
  readonly classNames: readonly string[];
  /** Row-major n × d, z = (x − μ)/σ. */
  readonly features: Float64Array;
  readonly standardization: Standardization;
  /** Class index per row. */
  readonly target: Int32Array;
}

/**
 * Standardize a `Dataset`'s features column by column (float64, population std) for the fits.
 * @example const p = toTabularProblem(loadPenguins()); p.features.length === p.n * p.d
 */
export function toTabularProblem(ds: Dataset): TabularProblem {
  const [n = 0, d = 0] = ds.shape;
  const { features, standardization } = standardizeColumns(ds.features, ds.shape);
  return {
    dataset: ds.name,
    n,
    d,
    featureNames: ds.featureNames,
    classNames: ds.classNames,
    features,
    standardization,
    target: ds.target,
  };
}

/** Class `positive` vs the rest (1 = positive). Throws naming the classes when `positive` is not one of them. */
export function binaryView(problem: TabularProblem, positive: string): BinaryData {
  const c = problem.classNames.indexOf(positive);
  if (c < 0)
    throw new Error(
      `binaryView: positive class '${positive}' is not one of ${problem.classNames.join(', ')}.`,
    );
  return {
    features: problem.features,
    shape: [problem.n, problem.d],
    featureNames: problem.featureNames,
    target: Float64Array.from(problem.target, (v) => (v === c ? 1 : 0)),
  };
}

/** All classes, for the multinomial and one-vs-all fits. */
export function multiclassView(problem: TabularProblem): MulticlassData {
  return {
    features: problem.features,
    shape: [problem.n, problem.d],
    featureNames: problem.featureNames,
    target: problem.target,
    classNames: problem.classNames,
  };
}

/**
 * Fit with l2 = 0 (maximum likelihood); when that throws an {@link IllPosedError} of kind `separation` (the MLE does
 * not exist), fit again with {@link SEPARATION_L2} and say so. Other errors propagate.
 */
export function fitWithSeparationFallback<T>(fit: (l2: number) => T): {
  fit: T;
  l2: number;
  separable: boolean;
} {
  try {
    return { fit: fit(0), l2: 0, separable: false };
  } catch (error) {
    if (!(error instanceof IllPosedError) || error.kind !== 'separation') throw error;
    return { fit: fit(SEPARATION_L2), l2: SEPARATION_L2, separable: true };
  }
}

/** Linear predictors η_ik = b_k + x_iᵀw_k for K rows of parameters (coefficients K × d row-major), n × K. */
export function linearPredictors(
  x: ArrayLike<number>,
  n: number,
  d: number,
  intercepts: ArrayLike<number>,
  coefficients: ArrayLike<number>,
): Float64Array {
  const k = intercepts.length;
  const eta = new Float64Array(n * k);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < k; c++) {
      let s = intercepts[c]!;
      for (let j = 0; j < d; j++) s += coefficients[c * d + j]! * x[i * d + j]!;
      eta[i * k + c] = s;
    }
  return eta;
}

/** Training accuracy of a binary model: predict 1 when b + xᵀw ≥ 0 (p ≥ 0.5). */
export function binaryAccuracy(data: BinaryData, intercept: number, coefficients: ArrayLike<number>): number {
  const [n = 0, d = 0] = data.shape;
  const eta = linearPredictors(data.features, n, d, [intercept], coefficients);
  let right = 0;
  for (let i = 0; i < n; i++) if ((eta[i]! >= 0 ? 1 : 0) === data.target[i]) right++;
  return right / n;
}

/** Training accuracy of K score rows: predict argmax_k η_ik (softmax and one-vs-all alike). */
export function argmaxAccuracy(
  problem: TabularProblem,
  intercepts: ArrayLike<number>,
  coefficients: ArrayLike<number>,
): number {
  const { n, d, target } = problem;
  const k = intercepts.length;
  const eta = linearPredictors(problem.features, n, d, intercepts, coefficients);
  let right = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (eta[i * k + c]! > eta[i * k + best]!) best = c;
    if (best === target[i]) right++;
  }
  return right / n;
}
