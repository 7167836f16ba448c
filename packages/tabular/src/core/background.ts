/** Background rows for the explainers: a seeded subsample without replacement (SHAP's `shap.sample`). */
import { createRng } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
import { selectRows, type Matrix } from './matrix.js';

/**
 * `size` distinct rows of `x` drawn uniformly without replacement (partial Fisher–Yates from `seed`), in draw order;
 * all of `x` (in its order) when `size ≥ x.rows`.
 * @example const bg = sampleBackground(train, 100, 0);
 */
export function sampleBackground(x: Matrix, size: number, seed: number): Matrix {
  const fn = 'sampleBackground';
  if (!Number.isInteger(size) || size < 1) throw new Error(MESSAGES.positiveInteger(fn, 'size', size));
  if (!Number.isInteger(seed))
    throw new Error(MESSAGES.integerRange(fn, 'seed', seed, -(2 ** 31), 2 ** 31 - 1));
  if (size >= x.rows) return x;
  const rng = createRng(seed);
  const order = Int32Array.from({ length: x.rows }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(x.rows - i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return selectRows(x, order.subarray(0, size));
}
