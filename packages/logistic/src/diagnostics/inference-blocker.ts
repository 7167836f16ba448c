/** Whether an exact fit can carry Wald inference, and if not, which warning says why. */
import type { ExactLogisticFit } from '../exact/binary-newton.js';
import type { LogisticWarningCode } from './warning-codes.js';

/**
 * `not-converged` when the fit did not reach its gradient tolerance (its covariance is then taken at arbitrary
 * parameters: p-values from it would look exact and mean nothing), `singular-information` when it converged but
 * the Fisher information could not be inverted (NaN covariance), else null: inference may be computed.
 * @example inferenceBlocker(fitExactLogistic(data)) // null
 */
export function inferenceBlocker(
  fit: ExactLogisticFit,
): Extract<LogisticWarningCode, 'not-converged' | 'singular-information'> | null {
  if (!fit.converged) return 'not-converged';
  return fit.covariance.every(Number.isFinite) ? null : 'singular-information';
}
