/**
 * Activation maximization inside the data's box (Erhan, Bengio, Courville & Vincent 2009, "Visualizing higher-layer
 * features of a deep network"; for tables the box keeps the answer a plausible row): projected Adam ascent
 * (Kingma & Ba 2015) on x* = argmax_{low ≤ x ≤ high} f(x) from several seeded uniform starts, run as one batch.
 * Step t: g = ∇f(x), m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², x ← clip(x + η_j m̂ / (√v̂ + ε), low, high), with
 * η_j = learningRate · (high_j − low_j): Adam's step is about η in size whatever the gradient's scale, so this is
 * Adam with step `learningRate` on features rescaled to [0, 1] — every feature crosses its range in ~1/learningRate
 * steps, whatever its units.
 */
import { createRng } from '@openbox/runtime';
import type { ExplainedFunction } from '../core/explained-output.js';
import type { Matrix } from '../core/matrix.js';
import { rowGradients } from '../gradient/row-gradients.js';
import { MESSAGES } from '../messages.js';
import { resolveBox, type BoxBounds } from './resolve-box.js';

const FN = 'maximizeUnit';
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/** Options of {@link maximizeUnit}: the box (`bounds`, or `data` to take its `featureRanges`) and Adam's. */
export interface MaximizeUnitOptions {
  /** Rows whose per-feature min and max bound the search (used when `bounds` is absent). */
  readonly data?: Matrix;
  /** The box itself; wins over `data`. */
  readonly bounds?: BoxBounds;
  /** Starting points drawn uniformly in the box, optimized together. Default 8. */
  readonly starts?: number;
  /** Adam steps. Default 200. */
  readonly steps?: number;
  /** Step size as a fraction of each feature's range (high − low). Default 0.05. */
  readonly learningRate?: number;
  /** Seed of the starting points. Default 0. */
  readonly seed?: number;
}

/** The best point found and how the search went. */
export interface UnitMaximum {
  /** The best end point (the start whose end value is highest). */
  readonly row: Float64Array;
  /** f(row), from `f.evaluate`. */
  readonly value: number;
  /** f of each start's end point (`f.evaluate`), in start order. */
  readonly startValues: Float64Array;
  /** The best start's value before each step and after the last (`steps + 1` entries, from `f.tensor`). */
  readonly trajectory: Float64Array;
  /** Per feature: the best row sits on the lower bound. */
  readonly atLower: boolean[];
  /** Per feature: the best row sits on the upper bound. */
  readonly atUpper: boolean[];
}

/**
 * Projected Adam ascent of `f.tensor` (throws `MESSAGES.noGradients` without one) inside the box.
 * @example
 * const best = maximizeUnit(unitOutput(clf, 'hidden2', 0), { data: train });
 * best.row; best.atUpper // which features it pushes to their maximum
 */
export function maximizeUnit(f: ExplainedFunction, options: MaximizeUnitOptions): UnitMaximum {
  // 1. Check the model and the options; resolve the box.
  const tensor = f.tensor;
  if (tensor === undefined) throw new Error(MESSAGES.noGradients(FN, f.label));
  const d = f.features;
  const { low, high } = resolveBox(FN, d, options?.bounds, options?.data);
  const starts = options.starts ?? 8;
  const steps = options.steps ?? 200;
  const learningRate = options.learningRate ?? 0.05;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(starts) || starts < 1)
    throw new Error(MESSAGES.positiveInteger(FN, 'options.starts', starts));
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(MESSAGES.positiveInteger(FN, 'options.steps', steps));
  if (!(learningRate > 0) || !Number.isFinite(learningRate))
    throw new Error(MESSAGES.positiveNumber(FN, 'options.learningRate', learningRate));
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed > 2 ** 31 - 1)
    throw new Error(MESSAGES.integerRange(FN, 'options.seed', seed, -(2 ** 31), 2 ** 31 - 1));
  // 2. Seeded uniform starts in the box; Adam's moments per start and feature.
  const rng = createRng(seed);
  const x = Float64Array.from({ length: starts * d }, (_, i) => {
    const j = i % d;
    return low[j]! + rng.next() * (high[j]! - low[j]!);
  });
  const m = new Float64Array(starts * d);
  const v = new Float64Array(starts * d);
  const history = new Float64Array((steps + 1) * starts);
  // 3. steps projected Adam updates, all starts in one gradient pass; the values before each step are recorded.
  for (let t = 1; t <= steps + 1; t++) {
    const { values, gradients } = rowGradients(tensor, { data: x, rows: starts, cols: d });
    history.set(values, (t - 1) * starts);
    if (t > steps) break;
    const c1 = 1 - BETA1 ** t;
    const c2 = 1 - BETA2 ** t;
    for (let i = 0; i < starts * d; i++) {
      const g = gradients[i]!;
      m[i] = BETA1 * m[i]! + (1 - BETA1) * g;
      v[i] = BETA2 * v[i]! + (1 - BETA2) * g * g;
      const j = i % d;
      const step = (learningRate * (high[j]! - low[j]!) * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + EPSILON);
      x[i] = Math.min(high[j]!, Math.max(low[j]!, x[i]! + step));
    }
  }
  // 4. The best end point by f.evaluate, its trajectory and the bounds it touches.
  const startValues = f.evaluate({ data: x, rows: starts, cols: d });
  let best = 0;
  for (let s = 1; s < starts; s++) if (startValues[s]! > startValues[best]!) best = s;
  const row = x.slice(best * d, (best + 1) * d);
  return {
    row,
    value: startValues[best]!,
    startValues,
    trajectory: Float64Array.from({ length: steps + 1 }, (_, t) => history[t * starts + best]!),
    atLower: Array.from(row, (value, j) => value <= low[j]!),
    atUpper: Array.from(row, (value, j) => value >= high[j]!),
  };
}
