/** The names of {@link analyzeLogistic}'s warnings, declared once, and the diagnostics they come with. */

/**
 * Every warning `analyzeLogistic` can give, in the order it checks them:
 * - `not-converged`: the exact fit did not reach ‖∇‖ ≤ 1e-8, so `inference` is null;
 * - `singular-information`: converged, but the Fisher information is numerically singular: `inference` is null;
 * - `collinear`: the features' correlation matrix has condition number > 1e8 (names the columns);
 * - `scales-differ`: column standard deviations differ by more than 1e6× and the features were not standardized;
 * - `net-not-converged`: the tfjs net stopped before its convergence test passed;
 * - `ml-budget`: ml-logistic-regression ran fewer than its own default 50,000 steps because of the work budget.
 */
export const LOGISTIC_WARNING_CODES = [
  'not-converged',
  'singular-information',
  'collinear',
  'scales-differ',
  'net-not-converged',
  'ml-budget',
] as const;

/** One of {@link LOGISTIC_WARNING_CODES}. */
export type LogisticWarningCode = (typeof LOGISTIC_WARNING_CODES)[number];

/** True when `value` is one of {@link LOGISTIC_WARNING_CODES}. */
export function isLogisticWarningCode(value: unknown): value is LogisticWarningCode {
  return (LOGISTIC_WARNING_CODES as readonly unknown[]).includes(value);
}

/** A warning: its code and one sentence that names the numbers and what to do. */
export interface LogisticWarning {
  readonly code: LogisticWarningCode;
  readonly message: string;
}

/** The numerical health of one analysis. */
export interface LogisticDiagnostics {
  /** κ₂ of the features' correlation matrix (centred, unit-scaled; see `collinearity`); Infinity if singular. */
  readonly conditionNumber: number;
  /** Columns of near-dependencies beyond the threshold (empty when κ ≤ 1e8). */
  readonly collinearColumns: readonly string[];
  /** max / min column standard deviation of the features as given (before any standardization). */
  readonly scaleRatio: number;
  readonly warnings: readonly LogisticWarning[];
}
