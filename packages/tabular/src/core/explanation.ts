/**
 * The contract every local explainer follows (SHAP's `Explainer(model, masker)(X)`, Captum's one interface): a
 * name, what the method is and needs, and `explain(f, x, options)` returning one value per row and feature.
 */
import type { ExplainedFunction } from './explained-output.js';
import type { Matrix } from './matrix.js';

/** Per-row attributions of an {@link ExplainedFunction}: `values[r * features + j]` is feature j's share in row r. */
export interface Explanation {
  /** The explainer's registry name. */
  readonly method: string;
  /** `f.label`: what was explained. */
  readonly label: string;
  readonly rows: number;
  readonly features: number;
  readonly values: Float64Array;
  /** E_background[f] (the expected value SHAP reports); for IG the value at the baseline. */
  readonly baseValue: number;
  /** f(x) per row. For Shapley methods Σ_j values = prediction − baseValue (efficiency). */
  readonly predictions: Float64Array;
  /** Per row and feature, when the method estimates (KernelSHAP, sampling): the standard error of each value. */
  readonly standardErrors?: Float64Array;
  /** Per row: Σ_j values − (prediction − baseValue) (completeness gap of gradient methods; ~0 for exact ones). */
  readonly delta?: Float64Array;
}

/** What an explainer is and needs: the flags the CLI and the experiments dispatch on. */
export interface ExplainerInfo {
  /** One sentence with the formula and the paper. */
  readonly description: string;
  /** It needs `f.tensor` (integrated / expected gradients). */
  readonly needsGradients: boolean;
  /** It needs `f.affine` (LinearSHAP). */
  readonly needsAffine: boolean;
  /** Its result depends on `options.seed`. */
  readonly stochastic: boolean;
  /** Σ_j values = f(x) − E_bg[f] holds exactly (up to float64 rounding). */
  readonly efficient: boolean;
  /** Most features it can take (exact enumeration), or `Infinity`. */
  readonly maxFeatures: number;
}

/** Options every explainer takes. */
export interface ExplainOptions {
  /**
   * The background (reference) rows: v(S) = mean over b of f(x_S, b_¬S) — the interventional convention of SHAP's
   * `Exact`/`Kernel` explainers with an independent masker. Gradient methods draw baselines from it.
   */
  readonly background: Matrix;
  /** Seed of stochastic explainers (default 0). */
  readonly seed?: number;
}

/** A local explainer: its name, flags and `explain`. */
export interface LocalExplainer<O extends object = object> {
  readonly name: string;
  readonly info: ExplainerInfo;
  explain(f: ExplainedFunction, x: Matrix, options: ExplainOptions & O): Explanation;
}
