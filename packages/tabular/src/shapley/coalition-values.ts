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

/**
 * Rows of one perturbed batch passed to `f.evaluate` when `batchRows` is not given: 2^16, `fromLayersModel`'s
 * chunk. Building a 2^16-row batch (6 MiB of float64) takes half the time per row of a 2^18-row one (measured at
 * d = 12, background 100: the batch then stays in the 32 MiB L3 cache while f reads it).
 */
export const DEFAULT_BATCH_ROWS = 65_536;

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
  const bgData = background.data;
  for (let start = 0; start < total; start += batchRows) {
    const n = Math.min(batchRows, total - start);
    // 1. Fill the chunk run by run: a run is one cell (r, S) and consecutive background rows b..b+len−1 — copied
    //    whole, then the columns j ∈ S overwritten with x_rj. Row `start` is (r, S, b) with cell = r · 2^d + S.
    const b0 = start % bgRows;
    const cell0 = (start - b0) / bgRows;
    for (let k = 0, b = b0, cell = cell0; k < n; b = 0, cell++) {
      const len = Math.min(bgRows - b, n - k);
      chunk.set(bgData.subarray(b * d, (b + len) * d), k * d);
      const mask = cell % masks;
      const xr = ((cell - mask) / masks) * d;
      for (let rest = mask; rest !== 0; rest &= rest - 1) {
        const j = 31 - Math.clz32(rest & -rest);
        const value = x.data[xr + j]!;
        for (let i = k * d + j, end = (k + len) * d; i < end; i += d) chunk[i] = value;
      }
      k += len;
    }
    // 2. One call of f for the chunk; add each output to its cell's sum, in row order.
    const y = f.evaluate({
      data: n * d === chunk.length ? chunk : chunk.subarray(0, n * d),
      rows: n,
      cols: d,
    });
    for (let k = 0, b = b0, cell = cell0; k < n; b = 0, cell++) {
      const len = Math.min(bgRows - b, n - k);
      let sum = sums[cell]!;
      for (let i = k; i < k + len; i++) sum += y[i]!;
      sums[cell] = sum;
      k += len;
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
