/** `basisEquivalence`: are a layer's units no more interpretable than random directions, up to a stated margin? */
import type { Rng } from '@openbox/runtime';
import { round4 } from './image-rows.js';

/** Resamples of the two-sample bootstrap of the difference. */
export const EQUIVALENCE_RESAMPLES = 2000;

/** The one-sided equivalence statement `mean(units) − mean(random) ≤ margin`, judged on its interval's upper end. */
export interface BasisEquivalence {
  readonly holds: boolean;
  /** mean(units) − mean(random). */
  readonly difference: number;
  /** The 95% percentile-bootstrap interval of the difference. */
  readonly lower: number;
  readonly upper: number;
  readonly margin: number;
  /** The statement with its numbers, `round4`ed. */
  readonly reason: string;
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/** The (type 7) p-quantile of sorted values. */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Units are "not privileged" when their mean score exceeds the random directions' by at most `margin`, and the upper
 * end of a 95% two-sample percentile bootstrap interval of that difference does too (a one-sided test of
 * non-superiority, as in Schuirmann's TOST: units clearly better than random directions make it fail). Each resample
 * draws both lists with replacement (`rng.int`, units first); random directions better than units satisfy it.
 * @example basisEquivalence(channelPurity, randomPurity, 0.05, rng, 'mean class purity of the top 20')
 */
export function basisEquivalence(
  units: readonly number[],
  random: readonly number[],
  margin: number,
  rng: Rng,
  metric: string,
): BasisEquivalence {
  // 1. The difference and its bootstrap distribution.
  const difference = mean(units) - mean(random);
  const diffs = new Float64Array(EQUIVALENCE_RESAMPLES);
  const resampledMean = (v: readonly number[]) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[rng.int(v.length)]!;
    return s / v.length;
  };
  for (let b = 0; b < EQUIVALENCE_RESAMPLES; b++) diffs[b] = resampledMean(units) - resampledMean(random);
  diffs.sort();
  const lower = quantile(diffs, 0.025);
  const upper = quantile(diffs, 0.975);
  // 2. The statement.
  const holds = difference <= margin && upper <= margin;
  const head =
    `${metric}: units minus random directions ${round4(difference)} (95% bootstrap interval ${round4(lower)} to ` +
    `${round4(upper)}); equivalence margin ${round4(margin)}.`;
  const tail = holds
    ? ` The units are not privileged: the interval's upper end ${round4(upper)} is at most ${round4(margin)}.`
    : ` The units are privileged: the ${difference > margin ? 'difference' : "interval's upper end"} ` +
      `${round4(difference > margin ? difference : upper)} exceeds ${round4(margin)}.`;
  return { holds, difference, lower, upper, margin, reason: head + tail };
}
