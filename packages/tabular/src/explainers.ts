/**
 * The local explainers, by name (`as const` list → type, guard, `Record<Name, LocalExplainer>`), and `explain`, which
 * dispatches on the name. Global methods (permutation importance, partial dependence) and interaction values have
 * their own result types and are called directly.
 */
import type { ExplainedFunction } from './core/explained-output.js';
import type { Explanation, ExplainOptions, LocalExplainer } from './core/explanation.js';
import type { Matrix } from './core/matrix.js';
import { expectedGradients } from './gradient/expected-gradients.js';
import { integratedGradients } from './gradient/integrated-gradients.js';
import { MESSAGES } from './messages.js';
import { exactShapley } from './shapley/exact-shapley.js';
import { kernelShap } from './shapley/kernel-shap.js';
import { linearShap } from './shapley/linear-shap.js';

/** Every local explainer's registry name, in the order the CLI lists them. */
export const EXPLAINER_NAMES = [
  'exact',
  'kernel',
  'linear',
  'integrated-gradients',
  'expected-gradients',
] as const;
export type ExplainerName = (typeof EXPLAINER_NAMES)[number];
export const isExplainerName = (value: unknown): value is ExplainerName =>
  EXPLAINER_NAMES.includes(value as ExplainerName);

/** The registry: a name without an explainer (or the reverse) is a type error. */
export const EXPLAINERS = {
  exact: exactShapley,
  kernel: kernelShap,
  linear: linearShap,
  'integrated-gradients': integratedGradients,
  'expected-gradients': expectedGradients,
} as const satisfies Record<ExplainerName, LocalExplainer<never>>;

/** The explainers that apply to `f` (gradients where it has `tensor`, LinearSHAP where it is affine, exact up to 16). */
export function applicableExplainers(f: ExplainedFunction): ExplainerName[] {
  return EXPLAINER_NAMES.filter((name) => {
    const { info } = EXPLAINERS[name];
    return (
      (!info.needsGradients || f.tensor !== undefined) &&
      (!info.needsAffine || f.affine !== undefined) &&
      f.features <= info.maxFeatures
    );
  });
}

/** Options of {@link explain}: the method's own options plus the common ones. */
export type ExplainByNameOptions = ExplainOptions & { readonly method: ExplainerName } & Readonly<
    Record<string, unknown>
  >;

/**
 * Explains every row of `x` with the explainer named `options.method`, passing the other options through.
 * @example const e = explain(f, x, { method: 'kernel', background, samples: 2048, seed: 0 });
 */
export function explain(f: ExplainedFunction, x: Matrix, options: ExplainByNameOptions): Explanation {
  const { method } = options;
  if (!isExplainerName(method))
    throw new Error(MESSAGES.unknownName('explain', 'options.method', method, EXPLAINER_NAMES));
  return (EXPLAINERS[method] as LocalExplainer<object>).explain(f, x, options);
}
