/** @openbox/tabular — explaining networks on tables: SHAP's and InterpretML's scope for tfjs and logistic regression. */

// Tables
export { toMatrix, rowOf, selectRows, columnMeans } from './core/matrix.js';
export type { Matrix, MatrixLike } from './core/matrix.js';
export { sampleBackground } from './core/background.js';

// Models and the output being explained
export type { TabularClassifier } from './core/classifier.js';
export { fromLayersModel, SCORE_CHUNK_ROWS } from './core/from-layers-model.js';
export { fromLogistic } from './core/from-logistic.js';
export { explainedOutput, isOutputSpace, OUTPUT_SPACES } from './core/explained-output.js';
export type { ExplainedFunction, OutputOptions, OutputSpace } from './core/explained-output.js';

// The explainer contract and the registry
export type { Explanation, ExplainerInfo, ExplainOptions, LocalExplainer } from './core/explanation.js';
export { EXPLAINER_NAMES, EXPLAINERS, isExplainerName, applicableExplainers, explain } from './explainers.js';
export type { ExplainerName, ExplainByNameOptions } from './explainers.js';

// Exact Shapley values and interactions
export { coalitionValues, EXACT_MAX_FEATURES, DEFAULT_BATCH_ROWS } from './shapley/coalition-values.js';
export type { CoalitionValuesOptions } from './shapley/coalition-values.js';
export { exactShapley, shapleyFromCoalitions } from './shapley/exact-shapley.js';
export type { ExactShapleyOptions } from './shapley/exact-shapley.js';
export { shapleyInteractions, interactionsFromCoalitions } from './shapley/shapley-interactions.js';
export type { ShapleyInteractions, ShapleyInteractionsOptions } from './shapley/shapley-interactions.js';

// Training: a seeded MLP for a table
export { trainMlp } from './train/train-mlp.js';
export type { TrainMlpData, TrainedMlp, TrainMlpEpoch } from './train/train-mlp.js';
export { MLP_ACTIVATIONS, resolveTrainMlpOptions } from './train/train-mlp-options.js';
export type { TrainMlpOptions, ResolvedTrainMlpOptions, MlpActivation } from './train/train-mlp-options.js';
export { buildMlp } from './train/build-mlp.js';
export type { MlpSpec } from './train/build-mlp.js';
export { stratifiedSplit } from './train/stratified-split.js';
export type { StratifiedSplit } from './train/stratified-split.js';

// LinearSHAP (closed form for logistic regression in log-odds)
export { linearShap } from './shapley/linear-shap.js';

// Gradient methods
export { integratedGradients, MAX_IG_STEPS } from './gradient/integrated-gradients.js';
export type { IntegratedGradientsOptions } from './gradient/integrated-gradients.js';
export { expectedGradients, MAX_EG_SAMPLES } from './gradient/expected-gradients.js';
export type { ExpectedGradientsOptions } from './gradient/expected-gradients.js';
export { gaussLegendre } from './gradient/gauss-legendre.js';
export type { Quadrature } from './gradient/gauss-legendre.js';
export { rowGradients, GRADIENT_CHUNK_ROWS } from './gradient/row-gradients.js';
export type { RowGradients } from './gradient/row-gradients.js';

// Neuron analysis
export { unitOutput } from './neurons/unit-output.js';
export type { UnitOutputOptions } from './neurons/unit-output.js';
export { topActivatingRows } from './neurons/top-activating-rows.js';
export type { TopRows } from './neurons/top-activating-rows.js';
export { featureRanges } from './neurons/feature-ranges.js';
export type { FeatureRanges } from './neurons/feature-ranges.js';
export { maximizeUnit } from './neurons/maximize-unit.js';
export type { MaximizeUnitOptions, UnitMaximum } from './neurons/maximize-unit.js';
export type { BoxBounds } from './neurons/resolve-box.js';

// Shapley values: KernelSHAP
export { kernelShap } from './shapley/kernel-shap.js';
export type { KernelShapOptions } from './shapley/kernel-shap.js';

// Global explanations
export {
  permutationImportance,
  IMPORTANCE_METRICS,
  isImportanceMetric,
} from './global/permutation-importance.js';
export type {
  PermutationImportance,
  PermutationImportanceOptions,
  FeatureImportance,
  ImportanceMetric,
} from './global/permutation-importance.js';
export { partialDependence, GRID_KINDS, isGridKind } from './global/partial-dependence.js';
export type { PartialDependence, PartialDependenceOptions, GridKind } from './global/partial-dependence.js';
export { studentTQuantile, studentTCdf } from './global/student-t.js';

// Exact Shapley on every core
export { exactShapleyInWorkers, MAX_WORKERS } from './parallel/exact-shapley-in-workers.js';
export type { ExactShapleyInWorkersOptions } from './parallel/exact-shapley-in-workers.js';
