/** The three fits of one binary logistic model side by side: exact + inference, the tfjs net, ml-logistic-regression. */
import { binaryAgreement, type BinaryAgreement } from './agreement/agreement.js';
import { toDesign } from './data/design.js';
import { checkFloat32Range } from './data/float32-range.js';
import { standardizeColumns, type Standardization } from './data/standardize.js';
import type { BinaryData } from './data/types.js';
import { diagnoseLogistic } from './diagnostics/diagnose-logistic.js';
import { inferenceBlocker } from './diagnostics/inference-blocker.js';
import type { LogisticDiagnostics } from './diagnostics/warning-codes.js';
import { fitExactLogistic, type ExactLogisticFit } from './exact/binary-newton.js';
import { logisticInference, type LogisticInference } from './inference/wald.js';
import { fitMlLogisticRegression, type MlBinaryFit } from './ml/ml-fit.js';
import { resolveMlOptions, type MlOptions } from './ml/resolve-ml-options.js';
import { fitNetLogistic, type NetBinaryFit } from './net/net-fit.js';
import type { NetOptions } from './net/train-dense.js';

/** Options of {@link analyzeLogistic}. */
export interface AnalyzeOptions {
  /** Standardize features (mean, population std) before fitting. Default false. */
  readonly standardize?: boolean;
  /** L2 for the exact fit and the net (the convention of {@link fitExactLogistic}). Default 0. */
  readonly l2?: number;
  /** Net training options (seed, tolerance). */
  readonly net?: Omit<NetOptions, 'l2'>;
  /**
   * ml-logistic-regression options; `false` skips it. Default: its learning rate and its 50,000 steps cut to a
   * ~2 s work budget (`mlDefaultSteps`; a warning `ml-budget` says when).
   */
  readonly ml?: MlOptions | false;
  /** Agreement tolerance. Default 1e-4. */
  readonly tolerance?: number;
}

/** Everything {@link analyzeLogistic} computed, in the order it was computed. */
export interface LogisticAnalysis {
  readonly n: number;
  readonly features: readonly string[];
  readonly standardization: Standardization | null;
  readonly exact: ExactLogisticFit;
  /**
   * Wald inference, or null when the exact fit did not converge or its Fisher information is singular (a warning
   * `not-converged` / `singular-information` says which): p-values are never computed from such a fit.
   */
  readonly inference: LogisticInference | null;
  readonly net: NetBinaryFit;
  readonly ml: MlBinaryFit | null;
  /** What ml-logistic-regression was compared with: the exact fit, or the unpenalized exact fit when l2 > 0. */
  readonly mlReference: 'exact' | 'exact with l2 = 0' | null;
  readonly agreement: BinaryAgreement;
  /** Condition number, collinear columns, scale ratio and the warnings (codes: `LOGISTIC_WARNING_CODES`). */
  readonly diagnostics: LogisticDiagnostics;
  readonly seconds: { readonly exact: number; readonly net: number; readonly ml: number };
}

/**
 * Fit one binary logistic model three ways and report: 1. validate (shape, NaN/∞ naming row and column) and
 * standardize (optional); 2. check that the net's float32 can hold the features (`checkFloat32Range`), before any
 * fitting; 3. exact Newton fit (throws IllPosedError on separation, collinearity, …); 4. Wald inference (both scales
 * when standardized), or null when the exact fit did not converge; 5. the tfjs net on the current tfjs backend;
 * 6. ml-logistic-regression; 7. the agreement report; 8. the diagnostics and warnings.
 * @example const a = analyzeLogistic({ features, shape: [n, d], featureNames, target }, { standardize: true });
 */
export function analyzeLogistic(data: BinaryData, options: AnalyzeOptions = {}): LogisticAnalysis {
  const fn = 'analyzeLogistic';
  const l2 = options.l2 ?? 0;
  // 1. Validate and standardize.
  const given = toDesign(fn, data, false);
  const scaled = options.standardize ? standardizeColumns(given.x, data.shape) : null;
  const input: BinaryData = scaled ? { ...data, features: scaled.features } : data;
  const design = scaled ? toDesign(fn, input, false) : given;
  // 2. What the net will see must fit in float32; and ml's options, so that bad ones fail before any fit.
  checkFloat32Range(fn, design);
  const mlOptions = options.ml === false ? null : resolveMlOptions(fn, options.ml ?? {}, given.n, given.d, 2);
  // 3. Exact fit.
  let t = performance.now();
  const exact = fitExactLogistic(input, { l2 });
  const exactSeconds = (performance.now() - t) / 1000;
  // 4. Inference, only from a converged fit with an invertible information.
  const inference = inferenceBlocker(exact) ? null : logisticInference(exact, scaled?.standardization);
  // 5. The net.
  t = performance.now();
  const net = fitNetLogistic(input, { ...options.net, l2 });
  const netSeconds = (performance.now() - t) / 1000;
  // 6. ml-logistic-regression (no L2: compare it with the unpenalized fit when that exists).
  t = performance.now();
  const ml = mlOptions ? fitMlLogisticRegression(input, mlOptions) : null;
  const mlSeconds = (performance.now() - t) / 1000;
  let mlReference: LogisticAnalysis['mlReference'] = ml ? 'exact' : null;
  let reference: ExactLogisticFit = exact;
  if (ml && l2 > 0) {
    try {
      reference = fitExactLogistic(input, { l2: 0 });
      mlReference = 'exact with l2 = 0';
    } catch {
      reference = exact; // the unpenalized MLE does not exist: compare with the penalized fit
    }
  }
  // 7. Agreement.
  const agreement = binaryAgreement(design, exact, net, ml, {
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
    mlReference: reference,
  });
  // 8. Diagnostics, on the features as given.
  const diagnostics = diagnoseLogistic({
    design: given,
    standardized: scaled !== null,
    exact,
    net,
    ml: ml && mlOptions ? { numSteps: ml.numSteps, budgeted: mlOptions.budgeted } : null,
  });
  return {
    n: exact.n,
    features: exact.featureNames,
    standardization: scaled?.standardization ?? null,
    exact,
    inference,
    net,
    ml,
    mlReference,
    agreement,
    diagnostics,
    seconds: { exact: exactSeconds, net: netSeconds, ml: mlSeconds },
  };
}
