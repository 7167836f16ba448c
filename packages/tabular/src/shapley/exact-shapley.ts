/**
 * Exact interventional Shapley values (Shapley 1953; Lundberg & Lee 2017, "A unified approach to interpreting model
 * predictions"), by enumerating all 2^d coalitions:
 *
 *   φ_j = Σ_{S ⊆ N∖{j}} |S|! (d − |S| − 1)! / d! · (v(S ∪ {j}) − v(S)),   v(S) = mean_b f(x_S, b_¬S),
 *
 * in float64. Efficient by construction: Σ_j φ_j = v(N) − v(∅) = f(x) − E_bg[f].
 *
 * Deliberate differences from SHAP's `ExactExplainer`: the plain 2^d enumeration rather than its Gray-code order
 * (the same numbers; f is one batched call per chunk instead of reusing unchanged rows), and every background row is
 * used (SHAP's masker subsamples to 100).
 */
import type { ExplainedFunction } from '../core/explained-output.js';
import type { ExplainOptions, Explanation, LocalExplainer } from '../core/explanation.js';
import type { Matrix } from '../core/matrix.js';
import {
  EXACT_MAX_FEATURES,
  exactGame,
  gameValues,
  type CoalitionValuesOptions,
} from './coalition-values.js';
import { explanationOf } from '../core/explanation-of.js';

/** Options of {@link exactShapley} besides the background: the chunk size of {@link coalitionValues}. */
export type ExactShapleyOptions = CoalitionValuesOptions;

/** C(n, k) in float64 (exact for n ≤ 16). */
function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** The Shapley weight of a coalition of each size s = 0..d−1: s!(d − s − 1)!/d! = 1 / (d · C(d − 1, s)). */
export function shapleyWeights(d: number): Float64Array {
  return Float64Array.from({ length: d }, (_, s) => 1 / (d * binomial(d - 1, s)));
}

/** Number of set bits of every mask 0..2^d − 1. */
export function popcounts(d: number): Uint8Array {
  const counts = new Uint8Array(2 ** d);
  for (let m = 1; m < counts.length; m++) counts[m] = counts[m >> 1]! + (m & 1);
  return counts;
}

/**
 * The Shapley values of one game: `values[S]` for the 2^d masks S (bit j set = player j in S) → φ (length d).
 * Loops the 2^(d−1) masks without j once per feature, a zero bit inserted at j.
 * @example shapleyFromCoalitions(Float64Array.of(0, 1, 2, 5), 2) // [2, 3]: x1 + x2 + x1·x2 at (1, 2), background 0
 */
export function shapleyFromCoalitions(
  values: Float64Array,
  d: number,
  weights: Float64Array = shapleyWeights(d),
  counts: Uint8Array = popcounts(d),
): Float64Array {
  const phi = new Float64Array(d);
  const half = 2 ** (d - 1);
  for (let j = 0; j < d; j++) {
    const bit = 1 << j;
    const low = bit - 1;
    let sum = 0;
    for (let t = 0; t < half; t++) {
      const s = ((t & ~low) << 1) | (t & low);
      sum += weights[counts[s]!]! * (values[s | bit]! - values[s]!);
    }
    phi[j] = sum;
  }
  return phi;
}

/**
 * Exact interventional Shapley values of `f` at every row of `x`, against `options.background`. `baseValue` =
 * v(∅) = mean_bg f (the same for every row), `predictions` = v(N) = f(x), `delta` = Σ φ − (f(x) − baseValue)
 * (rounding only). Cost: x.rows · 2^d · background.rows evaluations of f, batched. Refuses d > 16.
 * @example
 * const e = exactShapley.explain(f, x, { background: sampleBackground(train, 100, 0) });
 * e.values[r * e.features + j] // φ_j at row r
 */
export const exactShapley: LocalExplainer<ExactShapleyOptions> = {
  name: 'exact',
  info: {
    description:
      'Exact interventional Shapley values, φ_j = Σ_{S∌j} |S|!(d−|S|−1)!/d! (v(S∪j) − v(S)) with v(S) = mean_bg f(x_S, b_¬S), over all 2^d coalitions (Lundberg & Lee 2017).',
    needsGradients: false,
    needsAffine: false,
    stochastic: false,
    efficient: true,
    maxFeatures: EXACT_MAX_FEATURES,
  },
  explain(f: ExplainedFunction, x: Matrix, options: ExplainOptions & ExactShapleyOptions): Explanation {
    // 1. Validate, and every coalition value of every row.
    const game = exactGame('exactShapley', f, x, options.background, options);
    const { d } = game;
    const rows = game.x.rows;
    const masks = 2 ** d;
    const v = gameValues(f, game);
    // 2. φ per row from its 2^d values.
    const weights = shapleyWeights(d);
    const counts = popcounts(d);
    const values = new Float64Array(rows * d);
    const predictions = new Float64Array(rows);
    const baseValue = v[0]!;
    for (let r = 0; r < rows; r++) {
      const row = v.subarray(r * masks, (r + 1) * masks);
      const phi = shapleyFromCoalitions(row, d, weights, counts);
      values.set(phi, r * d);
      predictions[r] = row[masks - 1]!;
    }
    return explanationOf('exact', f, game.x, { values, baseValue, predictions });
  },
};
