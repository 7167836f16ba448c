/** The three fits of one binary logistic model side by side: exact + inference, the tfjs net, ml-logistic-regression. */
import { binaryAgreement, type BinaryAgreement } from './agreement/agreement.js';
import { toDesign } from './data/design.js';
import { standardizeColumns, type Standardization } from './data/standardize.js';
import type { BinaryData } from './data/types.js';
import { fitExactLogistic, type ExactLogisticFit } from './exact/binary-newton.js';
import { logisticInference, type LogisticInference } from './inference/wald.js';
import { fitMlLogisticRegression, type MlBinaryFit, type MlOptions } from './ml/ml-fit.js';
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
  /** ml-logistic-regression options; `false` skips it. Default: its own defaults. */
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
  readonly inference: LogisticInference;
  readonly net: NetBinaryFit;
  readonly ml: MlBinaryFit | null;
  /** What ml-logistic-regression was compared with: the exact fit, or the unpenalized exact fit when l2 > 0. */
  readonly mlReference: 'exact' | 'exact with l2 = 0' | null;
  readonly agreement: BinaryAgreement;
  readonly seconds: { readonly exact: number; readonly net: number; readonly ml: number };
}

/**
 * Fit one binary logistic model three ways and report: 1. standardize (optional); 2. exact Newton fit (throws
 * IllPosedError on separation, collinearity, …); 3. Wald inference (both scales when standardized); 4. the tfjs net
 * on the current tfjs backend; 5. ml-logistic-regression; 6. the agreement report.
 * @example const a = analyzeLogistic({ features, shape: [n, d], featureNames, target }, { standardize: true });
 */
export function analyzeLogistic(data: BinaryData, options: AnalyzeOptions = {}): LogisticAnalysis {
  const l2 = options.l2 ?? 0;
  // 1. Standardize.
  const scaled = options.standardize ? standardizeColumns(data.features, data.shape) : null;
  const input: BinaryData = scaled ? { ...data, features: scaled.features } : data;
  // 2. Exact fit.
  let t = performance.now();
  const exact = fitExactLogistic(input, { l2 });
  const exactSeconds = (performance.now() - t) / 1000;
  // 3. Inference.
  const inference = logisticInference(exact, scaled?.standardization);
  // 4. The net.
  t = performance.now();
  const net = fitNetLogistic(input, { ...options.net, l2 });
  const netSeconds = (performance.now() - t) / 1000;
  // 5. ml-logistic-regression (no L2: compare it with the unpenalized fit when that exists).
  t = performance.now();
  const ml = options.ml === false ? null : fitMlLogisticRegression(input, options.ml ?? {});
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
  // 6. Agreement.
  const design = toDesign('analyzeLogistic', input, false);
  const agreement = binaryAgreement(design, exact, net, ml, {
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
    mlReference: reference,
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
    seconds: { exact: exactSeconds, net: netSeconds, ml: mlSeconds },
  };
}
