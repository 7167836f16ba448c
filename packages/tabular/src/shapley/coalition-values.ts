/**
 * Interventional coalition values, the game every exact Shapley method plays:
 *
 *   v_r(S) = (1/B) Σ_b f(x_S, b_¬S)   for every row r of x and every S ⊆ {0..d−1},
 *
 * features in S taken from x_r, the others from background row b (SHAP's `Exact` explainer with an independent
 * masker; Janzing, Minorics & Blöbaum 2020, "Feature relevance quantification in explainable AI: a causal
 * problem"). Masks are bit sets: bit j of S set = feature j comes from x.
 *
 * Deliberate difference from SHAP: every background row is used (SHAP's `Independent` masker subsamples to
 * `max_samples = 100`); subsample with `sampleBackground` first if wanted.
 */
import type { ExplainedFunction } from '../core/explained-output.js';
import { toMatrix, type Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';

/** Most features exact enumeration takes: 2^16 = 65,536 coalitions per row. */
export const EXACT_MAX_FEATURES = 16;

/** Rows of one perturbed batch passed to `f.evaluate` when `batchRows` is not given: 2^18. */
export const DEFAULT_BATCH_ROWS = 262_144;

/** What {@link coalitionValues} takes besides f, x and the background. */
export interface CoalitionValuesOptions {
  /** Most perturbed rows held (and passed to `f.evaluate`) at once. Default {@link DEFAULT_BATCH_ROWS}. */
  readonly batchRows?: number;
}

/** x and the background validated against f, with d and the batch size resolved (shared by the exact methods). */
export interface ExactGame {
  readonly d: number;
  readonly x: Matrix;
  readonly background: Matrix;
  readonly batchRows: number;
}

/** Validates the inputs of an exact method named `fn`; the errors name `fn` and `backgroundArgument`. */
export function exactGame(
  fn: string,
  f: ExplainedFunction,
  x: Matrix,
  background: Matrix,
  options: CoalitionValuesOptions = {},
  backgroundArgument = 'options.background',
): ExactGame {
  const d = f.features;
  if (d > EXACT_MAX_FEATURES) throw new Error(MESSAGES.tooManyFeatures(fn, d, EXACT_MAX_FEATURES));
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!Number.isInteger(batchRows) || batchRows < 1)
    throw new Error(MESSAGES.positiveInteger(fn, 'options.batchRows', options.batchRows));
  return {
    d,
    x: toMatrix(fn, 'x', x, d),
    background: toMatrix(fn, backgroundArgument, background, d),
    batchRows,
  };
}

/**
 * v_r(S) for a validated game, `rows × 2^d` (row r's values at `r * 2^d + S`). Perturbed rows are laid out as
 * (r, S, b) in that order and evaluated `batchRows` at a time, so a chunk may split one coalition's background.
 */
export function gameValues(f: ExplainedFunction, game: ExactGame): Float64Array {
  const { d, x, background, batchRows } = game;
  const masks = 2 ** d;
  const bgRows = background.rows;
  const total = x.rows * masks * bgRows;
  const sums = new Float64Array(x.rows * masks);
  const chunk = new Float64Array(Math.min(batchRows, total) * d);
  for (let start = 0; start < total; start += batchRows) {
    const n = Math.min(batchRows, total - start);
    // 1. Fill the chunk: background row b with the features in S overwritten by x_r's; (r, S, b) of row `start`.
    let b = start % bgRows;
    let cell = (start - b) / bgRows;
    for (let k = 0; k < n; k++) {
      const mask = cell % masks;
      const xr = ((cell - mask) / masks) * d;
      const bb = b * d;
      const out = k * d;
      for (let j = 0; j < d; j++)
        chunk[out + j] = (mask >>> j) & 1 ? x.data[xr + j]! : background.data[bb + j]!;
      if (++b === bgRows) {
        b = 0;
        cell++;
      }
    }
    // 2. One call of f for the chunk; add each output to its coalition's (r · 2^d + S) sum.
    const y = f.evaluate({
      data: n * d === chunk.length ? chunk : chunk.subarray(0, n * d),
      rows: n,
      cols: d,
    });
    b = start % bgRows;
    cell = (start - b) / bgRows;
    for (let k = 0; k < n; k++) {
      sums[cell]! += y[k]!;
      if (++b === bgRows) {
        b = 0;
        cell++;
      }
    }
  }
  for (let i = 0; i < sums.length; i++) sums[i]! /= bgRows;
  return sums;
}

/**
 * Every coalition value v_r(S) = mean_b f(x_S, b_¬S), `rows × 2^d` in float64 (row r's value of mask S at
 * `r * 2^d + S`; bit j of S set = feature j from x). f is called once per chunk of `batchRows` perturbed rows
 * (x.rows · 2^d · background.rows in all). Refuses d > {@link EXACT_MAX_FEATURES}.
 * @example
 * const v = coalitionValues(f, x, background); // v[0] = E_bg f, v[2 ** d − 1] = f(x_0)
 */
export function coalitionValues(
  f: ExplainedFunction,
  x: Matrix,
  background: Matrix,
  options: CoalitionValuesOptions = {},
): Float64Array {
  return gameValues(f, exactGame('coalitionValues', f, x, background, options, 'background'));
}
