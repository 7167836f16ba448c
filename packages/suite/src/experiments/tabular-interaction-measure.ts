/**
 * The measures of `tabular-interactions` on one explained function: how much of |Φ| (Shapley interaction values)
 * lies off the diagonal and on one pair, and how much each row's slope φ_j / (x_j − E_bg[x_j]) varies.
 */
import { columnMeans, shapleyInteractions, type ExplainedFunction, type Matrix } from '@openbox/tabular';

/** Rows whose |x_j − E_bg[x_j]| is below this are left out of feature j's slopes (a ratio of two near-zeros). */
export const SLOPE_MIN_OFFSET = 0.05;

/** The interaction measures of one model. */
export interface InteractionMeasures {
  /** Σ_rows Σ_{i≠j} |Φ_ij| / Σ_rows Σ_{i,j} |Φ_ij|: the share of |Φ| off the diagonal (0 for an additive f). */
  readonly offDiagonalShare: number;
  /** Σ_rows (|Φ_ab| + |Φ_ba|) / Σ_rows Σ_{i,j} |Φ_ij| for the pair (a, b): the share of all |Φ| on that pair. */
  readonly pairShare: number;
  /** The pair (i < j) with the largest Σ_rows |Φ_ij|. */
  readonly topPair: readonly [number, number];
  /** Per feature: SD over rows of the slope φ_j / (x_j − E_bg[x_j]) divided by the mean |slope| (0 when constant). */
  readonly slopeSpread: Float64Array;
  /** Per feature: the mean slope over rows. */
  readonly meanSlope: Float64Array;
  /** rows × d Shapley values (row sums of Φ). */
  readonly shapley: Float64Array;
}

/**
 * Per feature j, the slopes s_rj = φ_rj / (x_rj − m_j) over the rows with |x_rj − m_j| ≥ {@link SLOPE_MIN_OFFSET}
 * (m = background means), their SD (population) over their mean |s|, and their mean. For an affine f
 * (LinearSHAP's φ_j = β_j (x_j − m_j)) every s_rj = β_j, so the spread is 0. The plain coefficient of variation
 * SD / |mean| is not used: an XOR-like net's slopes change sign, their mean nears 0 and that ratio is unbounded.
 */
export function slopeSpread(
  phi: Float64Array,
  x: Matrix,
  means: Float64Array,
): { spread: Float64Array; mean: Float64Array } {
  const d = x.cols;
  const spread = new Float64Array(d);
  const mean = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const s: number[] = [];
    for (let r = 0; r < x.rows; r++) {
      const offset = x.data[r * d + j]! - means[j]!;
      if (Math.abs(offset) >= SLOPE_MIN_OFFSET) s.push(phi[r * d + j]! / offset);
    }
    if (s.length === 0) continue;
    const mu = s.reduce((a, b) => a + b, 0) / s.length;
    const magnitude = s.reduce((a, b) => a + Math.abs(b), 0) / s.length;
    const sd = Math.sqrt(s.reduce((a, b) => a + (b - mu) ** 2, 0) / s.length);
    mean[j] = mu;
    spread[j] = magnitude === 0 ? 0 : sd / magnitude;
  }
  return { spread, mean };
}

/**
 * Exact interaction values of `f` at `x` against `background` (`shapleyInteractions`), summarized for the pair
 * `pair` (default features 0 and 1: x1, x2).
 * @example measureInteractions(f, rows, background).pairShare
 */
export function measureInteractions(
  f: ExplainedFunction,
  x: Matrix,
  background: Matrix,
  pair: readonly [number, number] = [0, 1],
): InteractionMeasures {
  const phi = shapleyInteractions(f, x, { background });
  const d = phi.features;
  let total = 0;
  let off = 0;
  const pairSums = new Float64Array(d * d);
  for (let r = 0; r < phi.rows; r++)
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        const v = Math.abs(phi.values[(r * d + i) * d + j]!);
        total += v;
        if (i !== j) off += v;
        pairSums[i * d + j]! += v;
      }
  let top: [number, number] = [0, 1];
  for (let i = 0; i < d; i++)
    for (let j = i + 1; j < d; j++) if (pairSums[i * d + j]! > pairSums[top[0] * d + top[1]]!) top = [i, j];
  const [a, b] = pair;
  const slopes = slopeSpread(phi.shapley, x, columnMeans(background));
  return {
    offDiagonalShare: total === 0 ? 0 : off / total,
    pairShare: total === 0 ? 0 : (pairSums[a * d + b]! + pairSums[b * d + a]!) / total,
    topPair: top,
    slopeSpread: slopes.spread,
    meanSlope: slopes.mean,
    shapley: phi.shapley,
  };
}
