/** @openbox/logistic — a no-hidden-layer net checked against exact logistic regression, with its interpretation. */

// Input types and preparation
export type { BinaryData, Design, FeatureMatrix, MulticlassData } from './data/types.js';
export { standardizeColumns, toOriginalScale } from './data/standardize.js';
export type { Standardization } from './data/standardize.js';
export { toDesign } from './data/design.js';

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
export { fitMlLogisticRegression, fitMlOneVsAll, ML_DEFAULTS } from './ml/ml-fit.js';
export type { MlBinaryFit, MlOneVsAllFit, MlOptions } from './ml/ml-fit.js';

// The no-hidden-layer tfjs nets
export { fitNetLogistic, fitNetSoftmax, fitNetOneVsAll } from './net/net-fit.js';
export type { NetBinaryFit, NetMulticlassFit } from './net/net-fit.js';
export type { NetOptions } from './net/train-dense.js';

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

// Errors
export { IllPosedError } from './messages.js';
export type { IllPosedKind } from './messages.js';
