/** Similarity statistics over sets of images (plain JS, float64). */
import { pearson } from '../first-layer/max-patch.js';

/** Mean and min of Pearson correlation over all pairs of the `n` images of `size` values each. */
export function pairwiseCorrelation(
  images: Float32Array,
  n: number,
  size: number,
): { mean: number; min: number } {
  let total = 0;
  let pairs = 0;
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const r = pearson(images.subarray(i * size, (i + 1) * size), images.subarray(j * size, (j + 1) * size));
      total += r;
      pairs++;
      min = Math.min(min, r);
    }
  }
  return { mean: pairs === 0 ? 1 : total / pairs, min: pairs === 0 ? 1 : min };
}

/** Euclidean distance between two equal-length arrays. */
export function euclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

/**
 * Mean and min of Pearson correlation between image s of `images` and image s′ ≠ s of each set in `others` (all `n`
 * images of `size` values): how alike two different sets' images are, over pairs from different starts.
 */
export function crossCorrelation(
  images: Float32Array,
  others: readonly Float32Array[],
  n: number,
  size: number,
): { mean: number; min: number } {
  let total = 0;
  let pairs = 0;
  let min = Infinity;
  for (const other of others)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const r = pearson(
          images.subarray(i * size, (i + 1) * size),
          other.subarray(j * size, (j + 1) * size),
        );
        total += r;
        pairs++;
        min = Math.min(min, r);
      }
  return { mean: pairs === 0 ? Number.NaN : total / pairs, min: pairs === 0 ? Number.NaN : min };
}
