/** Exact one-vs-all: K binary logistic fits (class k vs the rest), the reference for one-vs-all nets and ml. */
import type { MulticlassData } from '../data/types.js';
import { toClassTarget } from '../data/targets.js';
import { fitExactLogistic, type ExactLogisticOptions } from './binary-newton.js';

/** K exact binary fits stacked: intercepts (K) and coefficients (K × d, row-major). */
export interface ExactOneVsAllFit {
  readonly intercepts: Float64Array;
  readonly coefficients: Float64Array;
  readonly converged: boolean;
}

/**
 * For each class k fit P(y = k | x) = σ(b_k + xᵀw_k) exactly (see {@link fitExactLogistic}); errors name the class.
 * @example fitExactOneVsAll(loadCars()).coefficients
 */
export function fitExactOneVsAll(data: MulticlassData, options: ExactLogisticOptions = {}): ExactOneVsAllFit {
  const n = data.shape[0] ?? 0;
  const d = data.shape[1] ?? 0;
  const { y, numClasses } = toClassTarget(
    'fitExactOneVsAll',
    data.target,
    n,
    data.numClasses,
    data.classNames,
  );
  const intercepts = new Float64Array(numClasses);
  const coefficients = new Float64Array(numClasses * d);
  let converged = true;
  for (let k = 0; k < numClasses; k++) {
    const target = Float64Array.from(y, (c) => (c === k ? 1 : 0));
    try {
      const fit = fitExactLogistic({ ...data, target }, options);
      intercepts[k] = fit.intercept;
      coefficients.set(fit.coefficients, k * d);
      converged &&= fit.converged;
    } catch (error) {
      if (error instanceof Error)
        error.message = `class '${data.classNames?.[k] ?? k}' vs rest: ${error.message}`;
      throw error;
    }
  }
  return { intercepts, coefficients, converged };
}
