/**
 * The `@openbox/tabular` names the tabular page uses, imported in one place. The explainers and the trainer are not
 * in the package's index yet: they come by relative path until the lead exports them (then this file re-exports
 * everything from `@openbox/tabular` and nothing else changes).
 */
export {
  explainedOutput,
  fromLayersModel,
  fromLogistic,
  sampleBackground,
  selectRows,
} from '@openbox/tabular';
export type { ExplainedFunction, LocalExplainer, Matrix, TabularClassifier } from '@openbox/tabular';
export { trainMlp } from '../../../../packages/tabular/src/train/train-mlp.js';
export type { TrainedMlp } from '../../../../packages/tabular/src/train/train-mlp.js';
export { exactShapley } from '../../../../packages/tabular/src/shapley/exact-shapley.js';
export { linearShap } from '../../../../packages/tabular/src/shapley/linear-shap.js';
