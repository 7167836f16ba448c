/**
 * Permutation importance (Breiman 2001, "Random Forests"; sklearn's `inspection.permutation_importance`): for each
 * feature j and repeat k, shuffle column j and record how much the score worsens,
 * drop_jk = metric(permuted) − metric(x) for log-loss and metric(x) − metric(permuted) for accuracy, so bigger
 * always means more important.
 *
 * Randomness: one generator `createRng(seed)`; features in order 0..d−1, and for each its repeats in order, each
 * repeat is `rng.shuffle` (Fisher–Yates) of the row indices 0..n−1; row i of the permuted table takes
 * `x[perm[i], j]`. Each feature's repeats are scored in one `classifier.scores` call (repeats × n rows).
 *
 * Interval: `low`/`high` are the t-interval of the mean drop, mean ± t_{(1+level)/2, repeats−1} · sd / √repeats;
 * a percentile interval of the repeats can be read off the raw `drops`. Differences from sklearn: `sd` is the
 * sample standard deviation (n − 1; sklearn's `importances_std` divides by n), and the scorer is fixed to
 * accuracy or log-loss of the classifier's own probabilities.
 */
import { createRng } from '@openbox/runtime';
import type { TabularClassifier } from '../core/classifier.js';
import { toMatrix, type Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { studentTQuantile } from './student-t.js';

/** The metrics, declared once. */
export const IMPORTANCE_METRICS = ['accuracy', 'log-loss'] as const;
export type ImportanceMetric = (typeof IMPORTANCE_METRICS)[number];
export const isImportanceMetric = (value: unknown): value is ImportanceMetric =>
  IMPORTANCE_METRICS.includes(value as ImportanceMetric);

export interface PermutationImportanceOptions {
  /** Default `'log-loss'` (mean −log p(label), natural log). */
  readonly metric?: ImportanceMetric;
  /** Shuffles per feature, ≥ 2; default 10. */
  readonly repeats?: number;
  /** Default 0. */
  readonly seed?: number;
  /** Confidence of the t-interval, in (0, 1); default 0.95. */
  readonly level?: number;
}

/** One feature's importance: the mean drop over repeats, its spread and t-interval, and every drop. */
export interface FeatureImportance {
  readonly feature: number;
  readonly mean: number;
  /** Sample standard deviation of the drops. */
  readonly sd: number;
  readonly low: number;
  readonly high: number;
  readonly drops: Float64Array;
}

export interface PermutationImportance {
  readonly metric: ImportanceMetric;
  readonly level: number;
  /** The metric on the unpermuted rows (accuracy, or log-loss). */
  readonly baseline: number;
  readonly features: readonly FeatureImportance[];
}

const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** The metric on each block of `n` rows of `scores` (width 1 for a sigmoid head). */
function metricOf(
  c: TabularClassifier,
  scores: Float64Array,
  labels: ArrayLike<number>,
  metric: ImportanceMetric,
) {
  const width = c.head === 'sigmoid' ? 1 : c.classes;
  const n = labels.length;
  const blocks = scores.length / (width * n);
  const out = new Float64Array(blocks);
  for (let k = 0; k < blocks; k++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = scores.subarray((k * n + i) * width, (k * n + i + 1) * width);
      const y = labels[i]!;
      if (width === 1) {
        if (metric === 'log-loss') sum += softplus(y === 1 ? -z[0]! : z[0]!);
        else sum += (z[0]! > 0 ? 1 : 0) === y ? 1 : 0;
        continue;
      }
      let best = 0;
      for (let j = 1; j < width; j++) if (z[j]! > z[best]!) best = j;
      if (metric === 'accuracy') sum += best === y ? 1 : 0;
      else {
        let e = 0;
        for (let j = 0; j < width; j++) e += Math.exp(z[j]! - z[best]!);
        sum += z[best]! + Math.log(e) - z[y]!;
      }
    }
    out[k] = sum / n;
  }
  return out;
}

/**
 * Permutation importance of every feature of `classifier` on `(x, labels)`.
 * @example permutationImportance(fromLayersModel(mlp), x, labels, { metric: 'accuracy', seed: 1 }).features[0].mean
 */
export function permutationImportance(
  classifier: TabularClassifier,
  xIn: Matrix,
  labels: ArrayLike<number>,
  options: PermutationImportanceOptions = {},
): PermutationImportance {
  const fn = 'permutationImportance';
  // 1. Inputs and options, once.
  const d = classifier.features;
  const x = toMatrix(fn, 'x', xIn, d);
  const n = x.rows;
  if (labels.length !== n) throw new Error(MESSAGES.labelsLength(fn, labels.length, n));
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y! < 0 || y! >= classifier.classes)
      throw new Error(MESSAGES.labelRange(fn, i, y, classifier.classes));
  }
  const metric = options.metric ?? 'log-loss';
  if (!isImportanceMetric(metric))
    throw new Error(MESSAGES.unknownName(fn, 'options.metric', metric, IMPORTANCE_METRICS));
  const repeats = options.repeats ?? 10;
  if (!Number.isSafeInteger(repeats) || repeats < 2) throw new Error(MESSAGES.importanceRepeats(fn, repeats));
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed))
    throw new Error(MESSAGES.integerRange(fn, 'options.seed', seed, -(2 ** 31), 2 ** 31 - 1));
  const level = options.level ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1))
    throw new Error(MESSAGES.openUnitInterval(fn, 'options.level', level));
  // 2. The baseline.
  const baseline = metricOf(classifier, classifier.scores(x), labels, metric)[0]!;
  const sign = metric === 'log-loss' ? 1 : -1;
  const t = studentTQuantile((1 + level) / 2, repeats - 1);
  // 3. Per feature: every repeat's shuffled table in one call, then the drops and their interval.
  const rng = createRng(seed);
  const features: FeatureImportance[] = [];
  const data = new Float64Array(repeats * n * d);
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < repeats; k++) {
      const perm = rng.shuffle(Array.from({ length: n }, (_, i) => i));
      data.set(x.data, k * n * d);
      for (let i = 0; i < n; i++) data[(k * n + i) * d + j] = x.data[perm[i]! * d + j]!;
    }
    const permuted = metricOf(
      classifier,
      classifier.scores({ data, rows: repeats * n, cols: d }),
      labels,
      metric,
    );
    const drops = permuted.map((m) => sign * (m - baseline));
    const mean = drops.reduce((s, v) => s + v, 0) / repeats;
    const sd = Math.sqrt(drops.reduce((s, v) => s + (v - mean) ** 2, 0) / (repeats - 1));
    const half = (t * sd) / Math.sqrt(repeats);
    features.push({ feature: j, mean, sd, low: mean - half, high: mean + half, drops });
  }
  return { metric, level, baseline, features };
}
