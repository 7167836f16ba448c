/**
 * The methods of `openbox explain`: the local explainers of `@openbox/tabular`'s registry, the options each takes,
 * when each applies to the model and output space (known before the model is built), and the default.
 */
import {
  EXPLAINER_NAMES,
  EXPLAINERS,
  explain,
  type ExplainedFunction,
  type Explanation,
  type ExplainerName,
  type Matrix,
} from '@openbox/tabular';
import { MESSAGES } from '../messages.js';

/** The local methods (one value per row and feature): the tabular registry's, in the order `--method all` runs them. */
export const LOCAL_METHODS = EXPLAINER_NAMES;
export type LocalMethod = ExplainerName;
/** Every `--method`: the local ones, `permutation` (global: one importance per feature) and `all` (every local one that applies). */
export const EXPLAIN_METHODS = [...LOCAL_METHODS, 'permutation', 'all'] as const;
export type ExplainMethod = (typeof EXPLAIN_METHODS)[number];

/** What every local method gets besides the function and the rows. */
export interface LocalMethodOptions {
  readonly background: Matrix;
  readonly seed: number;
  /** `--samples`: KernelSHAP's coalitions and expected gradients' baselines per row (their defaults when absent). */
  readonly samples: number | undefined;
}

/** Which methods take `--samples` (a method added to the registry must say). */
export const TAKES_SAMPLES: Record<LocalMethod, boolean> = {
  exact: false,
  kernel: true,
  linear: false,
  'integrated-gradients': false,
  'expected-gradients': true,
};

/**
 * Runs the registry's `method` on `f` and `x` with the background, the seed (stochastic methods) and `--samples`
 * (the methods that take it); the others keep their defaults (integrated gradients: 50 nodes from the background mean).
 * @example runLocal('kernel', f, x, { background, seed: 0, samples: 4096 })
 */
export function runLocal(
  method: LocalMethod,
  f: ExplainedFunction,
  x: Matrix,
  o: LocalMethodOptions,
): Explanation {
  const samples = TAKES_SAMPLES[method] && o.samples !== undefined ? { samples: o.samples } : {};
  return explain(f, x, { method, background: o.background, seed: o.seed, ...samples });
}

/** What decides whether a method applies: known before the model is fitted or loaded. */
export interface MethodContext {
  readonly features: number;
  readonly model: 'lr' | 'mlp' | 'file';
  readonly output: 'probability' | 'logit';
  /** Classes of the target column. */
  readonly classes: number;
}

/**
 * Why `method` does not apply here (a message for the user), or `undefined` when it does: exact needs d ≤ its
 * `maxFeatures`; linear an affine f, which only `--model lr` in logit space with two classes is (`explainedOutput`
 * sets `affine` then); gradient methods a tfjs form, which every model here has (lr's is float32).
 * @example whyNot('linear', { features: 3, model: 'mlp', output: 'logit', classes: 2 }) // '--method linear is …'
 */
export function whyNot(method: LocalMethod, c: MethodContext): string | undefined {
  const { info } = EXPLAINERS[method];
  if (c.features > info.maxFeatures) return MESSAGES.tooManyFeaturesForExact(c.features, info.maxFeatures);
  if (info.needsAffine) {
    if (c.model !== 'lr') {
      const name = c.model === 'file' ? 'PATH (a tfjs model)' : 'mlp';
      return MESSAGES.linearNeedsLr(`--model ${name} is not a logistic regression`);
    }
    if (c.output !== 'logit')
      return MESSAGES.linearNeedsLr('--output probability is σ of the log-odds, which is not linear in x');
    if (c.classes !== 2)
      return MESSAGES.linearNeedsLr(
        `--target has ${c.classes} classes, and one class's log-odds against the rest is not linear in x`,
      );
  }
  return undefined;
}

/** `--method` when none is given: exact Shapley values when they can be enumerated, else KernelSHAP. */
export function defaultMethod(features: number): LocalMethod {
  return features <= EXPLAINERS.exact.info.maxFeatures ? 'exact' : 'kernel';
}
