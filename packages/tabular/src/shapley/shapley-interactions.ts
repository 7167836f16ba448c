/**
 * Exact Shapley interaction values (Grabisch & Roubens 1999's Shapley interaction index, in the convention of
 * Lundberg et al. 2020, "From local explanations to global understanding with explainable AI for trees", as
 * shap's `TreeExplainer.shap_interaction_values`), from the same interventional coalition values as exact Shapley:
 *
 *   Φ_ij = Σ_{S ⊆ N∖{i,j}} |S|! (d − |S| − 2)! / (2 (d − 1)!) · [v(S∪{i,j}) − v(S∪{i}) − v(S∪{j}) + v(S)]  (i ≠ j),
 *   Φ_ii = φ_i − Σ_{j≠i} Φ_ij,
 *
 * so Φ is symmetric, each row sums to φ_i and all d² entries sum to f(x) − E_bg[f]. The 1/2 splits a pair's
 * interaction between Φ_ij and Φ_ji.
 *
 * Deliberate difference from SHAP: its `ExactExplainer(..., interactions=2)` returns Shapley–Taylor interaction
 * values with the main effects v({i}) − v(∅) on the diagonal; this follows TreeExplainer's convention instead (the
 * one whose rows sum to the Shapley values). Every background row is used (no subsampling to 100).
 */
import type { ExplainedFunction } from '../core/explained-output.js';
import type { Matrix } from '../core/matrix.js';
import { exactGame, gameValues } from './coalition-values.js';
import { popcounts, shapleyFromCoalitions, shapleyWeights } from './exact-shapley.js';

/** What {@link shapleyInteractions} takes. */
export interface ShapleyInteractionsOptions {
  /** The background rows of v(S) = mean_b f(x_S, b_¬S). */
  readonly background: Matrix;
  /** Most perturbed rows passed to `f.evaluate` at once. Default 65,536 (as `coalitionValues`). */
  readonly batchRows?: number;
}

/** Interaction values of every row: `values[(r * d + i) * d + j]` is Φ_ij at row r. */
export interface ShapleyInteractions {
  readonly rows: number;
  readonly features: number;
  /** rows × d × d, symmetric in (i, j) per row. */
  readonly values: Float64Array;
  /** rows × d: the exact Shapley values φ (row sums of Φ). */
  readonly shapley: Float64Array;
  /** E_bg[f] = v(∅). */
  readonly baseValue: number;
  /** f(x) per row = v(N). */
  readonly predictions: Float64Array;
}

/** The pair weight for each size s = 0..d−2: s!(d − s − 2)!/(2(d − 1)!) = 1 / (2 (d − 1) C(d − 2, s)). */
function pairWeights(d: number): Float64Array {
  const w = new Float64Array(Math.max(d - 1, 0));
  let c = 1; // C(d − 2, s)
  for (let s = 0; s <= d - 2; s++) {
    w[s] = 1 / (2 * (d - 1) * c);
    c = (c * (d - 2 - s)) / (s + 1);
  }
  return w;
}

/**
 * Φ (d × d) of one game from its 2^d coalition values and its Shapley values φ. Off-diagonal pairs loop the
 * 2^(d−2) masks without i and j (two zero bits inserted).
 */
export function interactionsFromCoalitions(
  values: Float64Array,
  d: number,
  phi: Float64Array,
  weights: Float64Array = pairWeights(d),
  counts: Uint8Array = popcounts(d),
): Float64Array {
  const out = new Float64Array(d * d);
  const quarter = d >= 2 ? 2 ** (d - 2) : 0;
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      const bi = 1 << i;
      const bj = 1 << j;
      const lowI = bi - 1;
      const lowJ = bj - 1;
      let sum = 0;
      for (let t = 0; t < quarter; t++) {
        const u = ((t & ~lowI) << 1) | (t & lowI); // zero at bit i (i < j)
        const s = ((u & ~lowJ) << 1) | (u & lowJ); // then at bit j
        sum += weights[counts[s]!]! * (values[s | bi | bj]! - values[s | bi]! - values[s | bj]! + values[s]!);
      }
      out[i * d + j] = sum;
      out[j * d + i] = sum;
    }
  }
  for (let i = 0; i < d; i++) {
    let off = 0;
    for (let j = 0; j < d; j++) if (j !== i) off += out[i * d + j]!;
    out[i * d + i] = phi[i]! - off;
  }
  return out;
}

/**
 * Exact Shapley interaction values Φ (rows × d × d) and Shapley values φ of `f` at every row of `x`, from one
 * enumeration of the 2^d interventional coalition values per row. Refuses d > 16; the pairs cost
 * d(d − 1)/2 · 2^(d−2) additions per row on top of the evaluations.
 * @example
 * const { values, features: d } = shapleyInteractions(f, x, { background });
 * values[(r * d + i) * d + j] // Φ_ij at row r; Σ_j Φ_ij = φ_i
 */
export function shapleyInteractions(
  f: ExplainedFunction,
  x: Matrix,
  options: ShapleyInteractionsOptions,
): ShapleyInteractions {
  // 1. Validate, and every coalition value of every row (computed once for φ and Φ).
  const game = exactGame('shapleyInteractions', f, x, options.background, options);
  const { d } = game;
  const rows = game.x.rows;
  const masks = 2 ** d;
  const v = gameValues(f, game);
  // 2. φ and Φ per row.
  const weights = shapleyWeights(d);
  const pairs = pairWeights(d);
  const counts = popcounts(d);
  const values = new Float64Array(rows * d * d);
  const shapley = new Float64Array(rows * d);
  const predictions = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = v.subarray(r * masks, (r + 1) * masks);
    const phi = shapleyFromCoalitions(row, d, weights, counts);
    shapley.set(phi, r * d);
    values.set(interactionsFromCoalitions(row, d, phi, pairs, counts), r * d * d);
    predictions[r] = row[masks - 1]!;
  }
  return { rows, features: d, values, shapley, baseValue: v[0]!, predictions };
}
