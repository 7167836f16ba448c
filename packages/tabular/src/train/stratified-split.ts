/** A seeded train/validation split that keeps each class's share: scikit-learn's `train_test_split(stratify=y)`. */
import type { Rng } from '@openbox/runtime';

/** Row indices of the two parts, each in increasing order. */
export interface StratifiedSplit {
  readonly trainIndices: Int32Array;
  readonly validationIndices: Int32Array;
}

/**
 * For each class c with n_c rows, shuffle its rows with `rng` (Fisher–Yates) and send the first
 * round(fraction · n_c) to validation, the rest to training; a class of n_c ≥ 2 rows keeps at least one row in
 * each part when `fraction > 0`. Differs from scikit-learn, which rounds the validation total once and then
 * allocates it across classes; per-class rounding keeps this function a few lines and every class present in both
 * parts. `fraction = 0` puts every row in training. Labels are assumed checked (integers 0..classes − 1).
 * @example stratifiedSplit([0, 0, 1, 1], 2, 0.5, createRng(0)).validationIndices.length // 2
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  classes: number,
  fraction: number,
  rng: Rng,
): StratifiedSplit {
  const byClass = Array.from({ length: classes }, () => [] as number[]);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]!]!.push(i);
  const train: number[] = [];
  const validation: number[] = [];
  for (const rows of byClass) {
    rng.shuffle(rows);
    let take = Math.round(fraction * rows.length);
    if (fraction > 0 && rows.length >= 2) take = Math.min(Math.max(take, 1), rows.length - 1);
    validation.push(...rows.slice(0, take));
    train.push(...rows.slice(take));
  }
  const sorted = (xs: number[]) => Int32Array.from(xs).sort();
  return { trainIndices: sorted(train), validationIndices: sorted(validation) };
}
