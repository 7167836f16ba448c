/** @openbox/logistic — a no-hidden-layer net checked against exact logistic regression, with its interpretation. */

// Input types and preparation
export type { BinaryData, Design, FeatureMatrix, MulticlassData } from './data/types.js';
export { standardizeColumns, toOriginalScale } from './data/standardize.js';
export type { Standardization } from './data/standardize.js';
export { toDesign } from './data/design.js';
export { checkFloat32Range, FLOAT32_MAX, FLOAT32_MIN_NORMAL } from './data/float32-range.js';
export { columnSpread } from './data/column-spread.js';
export type { ColumnSpread } from './data/column-spread.js';

// Exact reference fits (float64)
export { fitExactLogistic, sigmoid, softplus } from './exact/binary-newton.js';
export type { ExactLogisticFit, ExactLogisticOptions } from './exact/binary-newton.js';
export { fitExactMultinomial, centreClasses, MULTINOMIAL_METHODS } from './exact/multinomial.js';
export type { ExactMultinomialFit, ExactMultinomialOptions, MultinomialMethod } from './exact/multinomial.js';
export { fitExactOneVsAll } from './exact/one-vs-all.js';
export type { ExactOneVsAllFit } from './exact/one-vs-all.js';
export { minimizeLbfgs } from './exact/lbfgs.js';
export type { LbfgsOptions, LbfgsResult, ObjectiveFn } from './exact/lbfgs.js';
export { separatingDirection } from './exact/separation.js';
export type { Separation } from './exact/separation.js';

// ml-logistic-regression, wrapped comparably
export { fitMlLogisticRegression, fitMlOneVsAll } from './ml/ml-fit.js';
export type { MlBinaryFit, MlOneVsAllFit } from './ml/ml-fit.js';
export {
  ML_DEFAULTS,
  ML_MAX_STEPS,
  ML_MIN_STEPS,
  ML_ROW_OVERHEAD,
  ML_WORK_BUDGET,
  mlDefaultSteps,
} from './ml/ml-budget.js';
export { resolveMlOptions } from './ml/resolve-ml-options.js';
export type { MlOptions, ResolvedMlOptions } from './ml/resolve-ml-options.js';

// The no-hidden-layer tfjs nets
export { fitNetLogistic, fitNetSoftmax, fitNetOneVsAll } from './net/net-fit.js';
export type { NetBinaryFit, NetMulticlassFit } from './net/net-fit.js';
export { trainDense } from './net/train-dense.js';
export type { DenseTraining, NetOptions } from './net/train-dense.js';

// Inference
export { logisticInference, waldTable } from './inference/wald.js';
export type { CoefficientRow, LogisticInference } from './inference/wald.js';
export { erf, erfc, normalCdf, twoSidedP, Z_975 } from './stats/normal.js';

// Agreement and the side-by-side analysis
export {
  binaryAgreement,
  compareParameters,
  multinomialAgreement,
  DEFAULT_TOLERANCE,
} from './agreement/agreement.js';
export type {
  BinaryAgreement,
  BinaryParameters,
  FitComparison,
  MultinomialAgreement,
} from './agreement/agreement.js';
export { analyzeLogistic } from './analyze.js';
export type { AnalyzeOptions, LogisticAnalysis } from './analyze.js';

// Diagnostics: conditioning, scales, warnings
export { LOGISTIC_WARNING_CODES, isLogisticWarningCode } from './diagnostics/warning-codes.js';
export type {
  LogisticDiagnostics,
  LogisticWarning,
  LogisticWarningCode,
} from './diagnostics/warning-codes.js';
export { diagnoseLogistic } from './diagnostics/diagnose-logistic.js';
export type { DiagnosisInput } from './diagnostics/diagnose-logistic.js';
export { collinearity, COLLINEARITY_THRESHOLD, COLLINEAR_WEIGHT } from './diagnostics/collinearity.js';
export type { Collinearity } from './diagnostics/collinearity.js';
export { scaleRatio, SCALE_RATIO_THRESHOLD } from './diagnostics/scale-ratio.js';
export type { ScaleRatio } from './diagnostics/scale-ratio.js';
export { inferenceBlocker } from './diagnostics/inference-blocker.js';
export { jacobiSvd } from './linalg/jacobi-svd.js';
export type { SingularValueDecomposition } from './linalg/jacobi-svd.js';
export { householderR } from './linalg/householder-r.js';

// Errors
export { IllPosedError } from './messages.js';
export type { IllPosedKind } from './messages.js';
