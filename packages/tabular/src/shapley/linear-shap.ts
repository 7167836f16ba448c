/**
 * LinearSHAP (Lundberg & Lee 2017, "A unified approach to interpreting model predictions", §4.2): for an affine
 * f(x) = w · x + b and an independent (interventional) background, the Shapley values are in closed form,
 * φ_j = w_j (x_j − E_bg[x_j]), and the base value is E_bg[f] = w · E_bg[x] + b = f(E_bg[x]). SHAP's `LinearExplainer`
 * with a background masker (`feature_perturbation="interventional"`): on a logistic regression the space is the
 * log-odds (explain `explainedOutput(fromLogistic(fit), { output: 'logit' })`).
 * Differences from SHAP: the background mean is the plain column mean of `options.background` (SHAP's masker
 * subsamples a large background to 100 rows first); `delta` is reported (Σφ − (f(x) − base), ~1e-15).
 */
import type { ExplainedFunction } from '../core/explained-output.js';
import type { Explanation, LocalExplainer } from '../core/explanation.js';
import { columnMeans, toMatrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { explanationOf } from '../core/explanation-of.js';

const FN = 'linearShap';

/**
 * φ_j = w_j (x_j − E_bg[x_j]) for an f with `affine` set (else it throws `MESSAGES.notLinear`). Exact and efficient:
 * Σ_j φ_j = f(x) − E_bg[f]. Predictions are `f.evaluate(x)`.
 * @example
 * const f = explainedOutput(fromLogistic(fitExactLogistic(data)), { output: 'logit' });
 * const e = linearShap.explain(f, rows, { background }); // e.values[r * d + j] = β_j (x_rj − mean_j)
 */
export const linearShap: LocalExplainer = {
  name: 'linear',
  info: {
    description:
      'LinearSHAP: φ_j = w_j (x_j − E_bg[x_j]) for an affine model in its output space (Lundberg & Lee 2017).',
    needsGradients: false,
    needsAffine: true,
    stochastic: false,
    efficient: true,
    maxFeatures: Infinity,
  },
  explain(f: ExplainedFunction, xLike, options): Explanation {
    // 1. Check the model, the rows and the background.
    if (f.affine === undefined) throw new Error(MESSAGES.notLinear(FN, f.label));
    const d = f.features;
    const x = toMatrix(FN, 'x', xLike, d);
    const background = toMatrix(FN, 'options.background', options?.background, d);
    const { weights, intercept } = f.affine;
    // 2. The background mean and the base value f(E_bg x).
    const mean = columnMeans(background);
    let baseValue = intercept;
    for (let j = 0; j < d; j++) baseValue += weights[j]! * mean[j]!;
    // 3. φ = w ⊙ (x − mean) row by row, and the efficiency gap against f itself.
    const predictions = f.evaluate(x);
    const values = new Float64Array(x.rows * d);
    for (let r = 0; r < x.rows; r++)
      for (let j = 0; j < d; j++) values[r * d + j] = weights[j]! * (x.data[r * d + j]! - mean[j]!);
    return explanationOf('linear', f, x, { values, baseValue, predictions });
  },
};
