/** The `@openbox/tabular` names the tabular experiments use, imported in one place. */
export {
  columnMeans,
  explainedOutput,
  fromLayersModel,
  fromLogistic,
  rowOf,
  sampleBackground,
  selectRows,
} from '@openbox/tabular';
export type { ExplainedFunction, Explanation, Matrix, TabularClassifier } from '@openbox/tabular';
export { trainMlp } from '../../../tabular/src/train/train-mlp.js';
export { exactShapley } from '../../../tabular/src/shapley/exact-shapley.js';
export { linearShap } from '../../../tabular/src/shapley/linear-shap.js';
export { shapleyInteractions } from '../../../tabular/src/shapley/shapley-interactions.js';
