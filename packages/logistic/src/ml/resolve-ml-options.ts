/** The ml-logistic-regression options resolved once: the budgeted default step count, or the caller's, checked. */
import { MESSAGES } from '../messages.js';
import { ML_DEFAULTS, ML_MAX_STEPS, mlDefaultSteps } from './ml-budget.js';

/** Options of the ml-logistic-regression wrappers. */
export interface MlOptions {
  /**
   * Fixed gradient-ascent steps (it has no convergence test), an integer 0 … 1,000,000. Default
   * {@link mlDefaultSteps}: its own 50,000, cut to a ~2 s work budget on large data.
   */
  readonly numSteps?: number;
  /** Step size. Default 5e-4 (its own default). */
  readonly learningRate?: number;
}

/** {@link MlOptions} with every field set, and whether the step count came from the budget. */
export interface ResolvedMlOptions {
  readonly numSteps: number;
  readonly learningRate: number;
  /** True when `numSteps` was not given and the budget chose fewer than the package's own 50,000. */
  readonly budgeted: boolean;
}

/**
 * Resolve `options` for `classifiers` classifiers on `n` rows × `d` columns: an explicit `numSteps` is honoured
 * (an integer 0 … {@link ML_MAX_STEPS}, else an error naming `fn`, the option and the value), a missing one is
 * {@link mlDefaultSteps}.
 * @example resolveMlOptions('fitMlLogisticRegression', {}, 20_000, 4, 2) // { numSteps: 22, learningRate: 5e-4, budgeted: true }
 */
export function resolveMlOptions(
  fn: string,
  options: MlOptions,
  n: number,
  d: number,
  classifiers: number,
): ResolvedMlOptions {
  const numSteps = options.numSteps ?? mlDefaultSteps(n, d, classifiers);
  const learningRate = options.learningRate ?? ML_DEFAULTS.learningRate;
  if (!Number.isInteger(numSteps) || numSteps < 0 || numSteps > ML_MAX_STEPS)
    throw new Error(
      MESSAGES.badOption(fn, 'numSteps', numSteps, `an integer 0 … ${ML_MAX_STEPS.toLocaleString('en-US')}`),
    );
  if (!(learningRate > 0) || !Number.isFinite(learningRate))
    throw new Error(MESSAGES.badOption(fn, 'learningRate', learningRate, 'a finite number > 0'));
  return {
    numSteps,
    learningRate,
    budgeted: options.numSteps === undefined && numSteps < ML_DEFAULTS.numSteps,
  };
}
