/** `bootstrapMeanInterval`: a seeded percentile bootstrap interval for the mean over items (filters, units, images). */
import type { Rng } from '@openbox/runtime';
import { SuiteError } from '../suite-error.js';
import { CONTROL_MESSAGES as M } from './messages.js';

/** Options of {@link bootstrapMeanInterval}. */
export interface BootstrapOptions {
  /** The generator every resample is drawn from (fork one per use: `ctx.rng.fork('bootstrap')`). */
  readonly rng: Rng;
  /** How many resamples. Default 2,000 (the interval's ends then move by ≈ 0.05 standard errors between seeds). */
  readonly resamples?: number;
  /** Confidence level in (0, 1). Default 0.95. */
  readonly level?: number;
}

/** The mean of the items and its percentile interval. */
export interface BootstrapInterval {
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly resamples: number;
}

const FN = 'bootstrapMeanInterval';

/** The `p`-quantile of sorted values by linear interpolation between order statistics (R's type 7). */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Efron's percentile bootstrap of the mean: `resamples` times, draw n items with replacement (`rng.int(n)`, n draws
 * per resample, resamples in order) and take their mean; the interval is the (1 − level)/2 and (1 + level)/2
 * quantiles of those means (type 7). Same rng seed, same interval.
 * @example bootstrapMeanInterval(perFilter, { rng: ctx.rng.fork('bootstrap') }) // { mean, lower, upper, level: 0.95, resamples: 2000 }
 */
export function bootstrapMeanInterval(
  values: readonly number[],
  options: BootstrapOptions,
): BootstrapInterval {
  // 1. Options and input.
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 100)
    throw new SuiteError('invalid-argument', M.badResamples(resamples));
  if (typeof level !== 'number' || !(level > 0 && level < 1))
    throw new SuiteError('invalid-argument', M.badLevel(FN, level));
  if (values.length === 0) throw new SuiteError('invalid-argument', M.empty(FN, 'values'));
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new SuiteError('invalid-argument', M.notFinite(FN, `values[${i}]`, v));
  });
  // 2. Resampled means.
  const n = values.length;
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[options.rng.int(n)]!;
    means[b] = sum / n;
  }
  means.sort();
  // 3. The interval.
  return {
    mean: values.reduce((a, b) => a + b, 0) / n,
    lower: quantile(means, (1 - level) / 2),
    upper: quantile(means, (1 + level) / 2),
    level,
    resamples,
  };
}
