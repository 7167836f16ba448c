/**
 * The `@openbox/tabular` names the tabular experiments use, imported in one place. KernelSHAP and permutation
 * importance are imported from their files until the package's index exports them (then from '@openbox/tabular').
 */
export {
  columnMeans,
  exactShapley,
  expectedGradients,
  explainedOutput,
  fromLayersModel,
  fromLogistic,
  integratedGradients,
  linearShap,
  rowOf,
  sampleBackground,
  selectRows,
  shapleyInteractions,
  trainMlp,
} from '@openbox/tabular';
export type { ExplainedFunction, Explanation, Matrix, TabularClassifier } from '@openbox/tabular';
export { kernelShap } from '../../../tabular/src/shapley/kernel-shap.js';
export { permutationImportance } from '../../../tabular/src/global/permutation-importance.js';
