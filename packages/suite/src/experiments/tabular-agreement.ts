/**
 * How alike two attribution tables are (rows × features, row-major): Pearson r and sign agreement per row and per
 * feature, and Spearman's ρ of two rankings — the measures of the tabular experiments, in float64.
 */
import { pearson } from '@openbox/cnn-vis';

/**
 * Pearson's r of `a` and `b` (same length ≥ 2): Σ(a − ā)(b − b̄) / √(Σ(a − ā)² Σ(b − b̄)²). 0 when either is
 * constant (no linear association can be read from a constant; the experiments count it as no agreement).
 * The one implementation is cnn-vis's.
 * @example pearson([1, 2, 3], [2, 4, 7]) // 0.99
 */
export { pearson };

/** Ranks 1..n, ties given their average rank (as `scipy.stats.rankdata`). */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    for (let k = start; k < end; k++) ranks[order[k]!] = (start + end + 1) / 2;
    start = end;
  }
  return ranks;
}

/**
 * Spearman's ρ: Pearson's r of the average ranks (ties handled as `scipy.stats.spearmanr`).
 * @example spearman([0.1, 0.5, 0.3], [1, 3, 2]) // 1
 */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(averageRanks(a), averageRanks(b));
}

/** The share of pairs with the same sign, counting a pair where both are 0 as agreeing, one 0 as not. */
export function signAgreement(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (Math.sign(a[i]!) === Math.sign(b[i]!)) same++;
  return same / a.length;
}

/** Per-row and per-feature agreement of two `rows × features` attribution tables. */
export interface AttributionAgreement {
  /** Pearson r of the two attribution vectors of each row (over its features). */
  readonly rowPearson: Float64Array;
  /** Sign agreement of each row's two vectors. */
  readonly rowSign: Float64Array;
  /** Pearson r of each feature's two columns (over the rows). */
  readonly featurePearson: Float64Array;
  /** Sign agreement of each feature's two columns. */
  readonly featureSign: Float64Array;
  readonly meanRowPearson: number;
  readonly meanRowSign: number;
}

const column = (t: Float64Array, rows: number, d: number, j: number) =>
  Float64Array.from({ length: rows }, (_, r) => t[r * d + j]!);

/**
 * Compares `a` and `b` (`rows × d`, row-major) row by row and feature by feature.
 * @example attributionAgreement(lrValues, mlpValues, 30, 4).meanRowPearson
 */
export function attributionAgreement(
  a: Float64Array,
  b: Float64Array,
  rows: number,
  d: number,
): AttributionAgreement {
  const row = (t: Float64Array, r: number) => t.subarray(r * d, (r + 1) * d);
  const rowPearson = Float64Array.from({ length: rows }, (_, r) => pearson(row(a, r), row(b, r)));
  const rowSign = Float64Array.from({ length: rows }, (_, r) => signAgreement(row(a, r), row(b, r)));
  const cols = Array.from({ length: d }, (_, j) => [column(a, rows, d, j), column(b, rows, d, j)] as const);
  const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
  return {
    rowPearson,
    rowSign,
    featurePearson: Float64Array.from(cols, ([x, y]) => pearson(x, y)),
    featureSign: Float64Array.from(cols, ([x, y]) => signAgreement(x, y)),
    meanRowPearson: mean(rowPearson),
    meanRowSign: mean(rowSign),
  };
}

/** The indices of the `k` smallest values, smallest first (ties by index). */
export function lowestIndices(values: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: values.length }, (_, i) => i)
    .sort((i, j) => values[i]! - values[j]! || i - j)
    .slice(0, k);
}
