/** The diagnostics of one binary analysis: condition number, collinear columns, scale ratio, and the warnings. */
import type { Design } from '../data/types.js';
import type { ExactLogisticFit } from '../exact/binary-newton.js';
import { WARNINGS } from '../messages.js';
import { ML_ROW_OVERHEAD, ML_WORK_BUDGET, ML_MAX_STEPS } from '../ml/ml-budget.js';
import type { NetBinaryFit } from '../net/net-fit.js';
import { collinearity, COLLINEARITY_THRESHOLD } from './collinearity.js';
import { inferenceBlocker } from './inference-blocker.js';
import { scaleRatio, SCALE_RATIO_THRESHOLD } from './scale-ratio.js';
import type { LogisticDiagnostics, LogisticWarning } from './warning-codes.js';

/** What {@link diagnoseLogistic} looks at. */
export interface DiagnosisInput {
  /** The features as given (before standardization). */
  readonly design: Design;
  /** Whether the fits ran on standardized features. */
  readonly standardized: boolean;
  readonly exact: ExactLogisticFit;
  readonly net: NetBinaryFit;
  /** The ml-logistic-regression run, if any: its steps and whether the work budget chose them. */
  readonly ml: { readonly numSteps: number; readonly budgeted: boolean } | null;
}

/**
 * 1. `collinearity` of the features (κ of their correlation matrix, the columns beyond 1e8); 2. `scaleRatio`
 * (max/min std); then the warnings in the order of {@link LOGISTIC_WARNING_CODES}: the exact fit's convergence and
 * information ({@link inferenceBlocker}), collinearity, scales (only when not standardized: standardizing fixes
 * them), the net's convergence, ml-logistic-regression's budget.
 * @example diagnoseLogistic({ design, standardized: false, exact, net, ml: null }).warnings
 */
export function diagnoseLogistic(input: DiagnosisInput): LogisticDiagnostics {
  const { design, standardized, exact, net, ml } = input;
  const hint = standardized ? '' : WARNINGS.standardizeHint;
  // 1. Collinearity and 2. scales.
  const { conditionNumber, collinearColumns } = collinearity(design);
  const scales = scaleRatio(design);
  // 3. Warnings.
  const warnings: LogisticWarning[] = [];
  const blocker = inferenceBlocker(exact);
  if (blocker === 'not-converged')
    warnings.push({
      code: blocker,
      message: WARNINGS.notConverged(exact.iterations, exact.gradientNorm, hint),
    });
  if (blocker === 'singular-information')
    warnings.push({ code: blocker, message: WARNINGS.singularInformation() });
  if (collinearColumns.length > 0)
    warnings.push({
      code: 'collinear',
      message: WARNINGS.collinear(collinearColumns, conditionNumber, COLLINEARITY_THRESHOLD),
    });
  if (!standardized && scales.ratio > SCALE_RATIO_THRESHOLD && scales.largest && scales.smallest)
    warnings.push({
      code: 'scales-differ',
      message: WARNINGS.scalesDiffer(
        scales.ratio,
        scales.largest.name,
        scales.largest.std,
        scales.smallest.name,
        scales.smallest.std,
      ),
    });
  if (!net.converged)
    warnings.push({
      code: 'net-not-converged',
      message: WARNINGS.netNotConverged(net.epochs, net.gradientNorm, hint),
    });
  if (ml?.budgeted)
    warnings.push({
      code: 'ml-budget',
      message: WARNINGS.mlBudget(ml.numSteps, ML_WORK_BUDGET, ML_ROW_OVERHEAD, ML_MAX_STEPS),
    });
  return { conditionNumber, collinearColumns, scaleRatio: scales.ratio, warnings };
}
