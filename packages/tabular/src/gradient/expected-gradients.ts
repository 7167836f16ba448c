/**
 * Expected gradients (Erion, Janizek, Sturmfels, Lundberg & Lee 2021, "Improving performance of deep learning models
 * with axiomatic attribution priors and expected gradients"): integrated gradients averaged over baselines drawn from
 * the background, estimated by Monte Carlo over the baseline and the path position together,
 * φ_j(x) = E_{b ~ bg, α ~ U(0,1)} [(x_j − b_j) ∂_j f(b + α (x − b))] ≈ (1/S) Σ_s (x_j − b_sj) ∂_j f(b_s + α_s (x − b_s)).
 * Its sum is unbiased for f(x) − E_bg[f]. SHAP's `GradientExplainer` draws the same pairs (one background row and
 * one α per sample, 200 samples by default, base value the mean of f over the background). `standardErrors` = sample
 * sd of the S per-draw terms / √S (SHAP's `return_variances` gives the variance of the mean instead); `delta` per
 * row = Σ_j φ_j − (f(x) − E_bg[f]), which shrinks as 1/√S. Differences from SHAP: no `local_smoothing` noise, and
 * at least 2 samples (a standard error needs two).
 */
import { createRng } from '@openbox/runtime';
import type { Explanation, LocalExplainer } from '../core/explanation.js';
import { toMatrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { rowGradients } from './row-gradients.js';
import { explanationOf } from '../core/explanation-of.js';

const FN = 'expectedGradients';
/** The most draws per row `samples` may ask for. */
export const MAX_EG_SAMPLES = 1_000_000;

/** Options of {@link expectedGradients} (besides `background` and `seed`, default 0). */
export interface ExpectedGradientsOptions {
  /** Draws (b, α) per explained row, 2 to {@link MAX_EG_SAMPLES}. Default 200. */
  readonly samples?: number;
}

/**
 * Expected gradients of `f.tensor` (throws `MESSAGES.noGradients` without one): `samples` pairs (background row,
 * α) per row of `x` from `createRng(seed)`, drawn row by row, in one batched gradient pass (chunked).
 * @example
 * const e = expectedGradients.explain(f, rows, { background, samples: 500, seed: 1 });
 * e.standardErrors // per row and feature
 */
export const expectedGradients: LocalExplainer<ExpectedGradientsOptions> = {
  name: 'expected-gradients',
  info: {
    description:
      'Expected gradients: E over background rows b and α ~ U(0, 1) of (x − b) ⊙ ∇f(b + α(x − b)) (Erion et al. 2021).',
    needsGradients: true,
    needsAffine: false,
    stochastic: true,
    efficient: false,
    maxFeatures: Infinity,
  },
  explain(f, xLike, options): Explanation {
    // 1. Check the model, the rows, the background and the options.
    const tensor = f.tensor;
    if (tensor === undefined) throw new Error(MESSAGES.noGradients(FN, f.label));
    const d = f.features;
    const x = toMatrix(FN, 'x', xLike, d);
    const background = toMatrix(FN, 'options.background', options?.background, d);
    const samples = options?.samples ?? 200;
    if (!Number.isInteger(samples) || samples < 2 || samples > MAX_EG_SAMPLES)
      throw new Error(MESSAGES.integerRange(FN, 'options.samples', samples, 2, MAX_EG_SAMPLES));
    const seed = options?.seed ?? 0;
    if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed > 2 ** 31 - 1)
      throw new Error(MESSAGES.integerRange(FN, 'options.seed', seed, -(2 ** 31), 2 ** 31 - 1));
    // 2. Draw (b, α) per row and sample; point (r, s) = b + α (x_r − b), at row r·S + s.
    const rng = createRng(seed);
    const drawn = new Int32Array(x.rows * samples);
    const points = new Float64Array(x.rows * samples * d);
    for (let i = 0; i < x.rows * samples; i++) {
      const r = Math.floor(i / samples);
      const b = rng.int(background.rows);
      const alpha = rng.next();
      drawn[i] = b;
      for (let j = 0; j < d; j++) {
        const base = background.data[b * d + j]!;
        points[i * d + j] = base + alpha * (x.data[r * d + j]! - base);
      }
    }
    const { gradients } = rowGradients(tensor, { data: points, rows: x.rows * samples, cols: d });
    // 3. Mean and standard error of the per-draw terms (x − b) ⊙ ∇f; the base value E_bg[f] and delta.
    const fx = f.evaluate(x);
    const fb = f.evaluate(background);
    const baseValue = fb.reduce((s, v) => s + v, 0) / background.rows;
    const values = new Float64Array(x.rows * d);
    const standardErrors = new Float64Array(x.rows * d);
    for (let r = 0; r < x.rows; r++) {
      for (let j = 0; j < d; j++) {
        let mean = 0;
        let m2 = 0;
        for (let s = 0; s < samples; s++) {
          const i = r * samples + s;
          const term = (x.data[r * d + j]! - background.data[drawn[i]! * d + j]!) * gradients[i * d + j]!;
          const step = term - mean;
          mean += step / (s + 1);
          m2 += step * (term - mean);
        }
        values[r * d + j] = mean;
        standardErrors[r * d + j] = Math.sqrt(m2 / (samples - 1) / samples);
      }
    }
    return explanationOf('expected-gradients', f, x, { values, baseValue, predictions: fx, standardErrors });
  },
};
