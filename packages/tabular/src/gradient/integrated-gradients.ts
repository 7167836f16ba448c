/**
 * Integrated gradients (Sundararajan, Taly & Yan 2017, "Axiomatic attribution for deep networks"), on rows:
 * φ_j(x) = (x_j − b_j) ∫₀¹ ∂f(b + α (x − b))/∂x_j dα ≈ (x_j − b_j) Σ_k w_k ∂_j f(b + α_k (x − b)),
 * with Gauss–Legendre nodes α_k, weights w_k on [0, 1] (Captum's default rule, 50 steps). Completeness: Σ_j φ_j →
 * f(x) − f(b) as the rule converges; `delta` per row is the gap Σ_j φ_j − (f(x) − f(b)).
 * The baseline b defaults to the background's column means (one row) — Captum's default is zeros, which on a table
 * is an arbitrary point; the mean row is the tabular convention (SHAP's expected value of a linear model).
 */
import type { ExplainedFunction } from '../core/explained-output.js';
import type { Explanation, LocalExplainer } from '../core/explanation.js';
import { columnMeans, toMatrix, type Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { gaussLegendre } from './gauss-legendre.js';
import { rowGradients } from './row-gradients.js';
import { explanationOf } from '../core/explanation-of.js';

const FN = 'integratedGradients';
/** The most quadrature nodes `steps` may ask for. */
export const MAX_IG_STEPS = 10_000;

/** Options of {@link integratedGradients} (besides `background`). */
export interface IntegratedGradientsOptions {
  /** Gauss–Legendre nodes on the path. Default 50. */
  readonly steps?: number;
  /** One row b, the path's start. Default: the column means of `options.background`. */
  readonly baseline?: Matrix;
}

/**
 * Integrated gradients of `f.tensor` (throws `MESSAGES.noGradients` without one) from one baseline row to each row
 * of `x`: every node × row in one batched gradient pass (chunked). `baseValue` = f(b), `delta` per row.
 * @example
 * const e = integratedGradients.explain(f, rows, { background, steps: 64 });
 * e.delta // ≈ 0: Σ_j φ_j = f(x) − f(baseline)
 */
export const integratedGradients: LocalExplainer<IntegratedGradientsOptions> = {
  name: 'integrated-gradients',
  info: {
    description:
      'Integrated gradients: (x − b) ⊙ ∫₀¹ ∇f(b + α(x − b)) dα by Gauss–Legendre quadrature (Sundararajan et al. 2017).',
    needsGradients: true,
    needsAffine: false,
    stochastic: false,
    efficient: false,
    maxFeatures: Infinity,
  },
  explain(f, xLike, options): Explanation {
    // 1. Check the model, the rows, the options; resolve the baseline.
    const tensor = f.tensor;
    if (tensor === undefined) throw new Error(MESSAGES.noGradients(FN, f.label));
    const d = f.features;
    const x = toMatrix(FN, 'x', xLike, d);
    const steps = options?.steps ?? 50;
    if (!Number.isInteger(steps) || steps < 1 || steps > MAX_IG_STEPS)
      throw new Error(MESSAGES.integerRange(FN, 'options.steps', steps, 1, MAX_IG_STEPS));
    let baseline: Float64Array;
    if (options?.baseline === undefined)
      baseline = columnMeans(toMatrix(FN, 'options.background', options?.background, d));
    else {
      const b = toMatrix(FN, 'options.baseline', options.baseline, d);
      if (b.rows !== 1) throw new Error(MESSAGES.baselineRows(FN, b.rows));
      baseline = b.data;
    }
    const { alphas, weights } = gaussLegendre(steps);
    // 2. Every path point, node-major within a row: point (r, k) = b + α_k (x_r − b), at row r·steps + k.
    const points = new Float64Array(x.rows * steps * d);
    for (let r = 0; r < x.rows; r++)
      for (let k = 0; k < steps; k++)
        for (let j = 0; j < d; j++) {
          const b = baseline[j]!;
          points[(r * steps + k) * d + j] = b + alphas[k]! * (x.data[r * d + j]! - b);
        }
    const { gradients } = rowGradients(tensor, { data: points, rows: x.rows * steps, cols: d });
    // 3. φ = (x − b) ⊙ Σ_k w_k ∇f, then completeness against f(x) and f(b) in one evaluation.
    const ends = f.evaluate({
      data: Float64Array.from([...x.data, ...baseline]),
      rows: x.rows + 1,
      cols: d,
    });
    const baseValue = ends[x.rows]!;
    const predictions = ends.slice(0, x.rows);
    const values = new Float64Array(x.rows * d);
    for (let r = 0; r < x.rows; r++) {
      for (let j = 0; j < d; j++) {
        let integral = 0;
        for (let k = 0; k < steps; k++) integral += weights[k]! * gradients[(r * steps + k) * d + j]!;
        values[r * d + j] = (x.data[r * d + j]! - baseline[j]!) * integral;
      }
    }
    return explanationOf('integrated-gradients', f, x, { values, baseValue, predictions });
  },
};
