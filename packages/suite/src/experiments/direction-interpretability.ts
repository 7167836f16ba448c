/** `directionInterpretability`: class purity and visual coherence of the top dataset examples of each direction. */
import type { PooledActivations } from './pooled-layer-activations.js';

/** One direction's top-k examples and its two interpretability proxies. */
export interface DirectionScore {
  /** Rows of the top-k images, largest projection first (ties: lower row first). */
  readonly top: readonly number[];
  /** Share of the top-k that carry their most frequent label (1/k … 1). */
  readonly purity: number;
  /** Mean Pearson correlation of the 784 pixels over the k(k − 1)/2 pairs of top-k images. */
  readonly coherence: number;
}

/** The rows of the k largest a_i·v (ties broken by the lower row). */
export function topByProjection(acts: PooledActivations, direction: Float64Array, k: number): number[] {
  const { count, channels, values } = acts;
  const scores = Float64Array.from({ length: count }, (_, i) => {
    let s = 0;
    for (let c = 0; c < channels; c++) s += values[i * channels + c]! * direction[c]!;
    return s;
  });
  const rows = Array.from({ length: count }, (_, i) => i);
  rows.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return rows.slice(0, k);
}

/** The share of `rows` whose label is the most frequent among them. */
export function classPurity(labels: ArrayLike<number>, rows: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(labels[r]!, (counts.get(labels[r]!) ?? 0) + 1);
  return Math.max(...counts.values()) / rows.length;
}

/**
 * For every direction: its top-`k` images by projection of the pooled activations (Olah et al. 2017's "dataset
 * examples", for a direction instead of a unit), their class purity, and their visual coherence — the mean pairwise
 * Pearson correlation of their pixels. `images` holds `pixels` values per row of `acts`.
 * @example directionInterpretability(acts, basisDirections(32), test.target, test.features, 784, 20)
 */
export function directionInterpretability(
  acts: PooledActivations,
  directions: readonly Float64Array[],
  labels: ArrayLike<number>,
  images: Float32Array,
  pixels: number,
  k: number,
): DirectionScore[] {
  // Each image standardized once (zero mean, unit norm), so a Pearson correlation is one dot product.
  const standardized = new Map<number, Float64Array>();
  const unit = (row: number) => {
    let z = standardized.get(row);
    if (z === undefined) {
      const x = images.subarray(row * pixels, (row + 1) * pixels);
      const mean = x.reduce((a, b) => a + b, 0) / pixels;
      z = Float64Array.from(x, (v) => v - mean);
      const norm = Math.sqrt(z.reduce((a, v) => a + v * v, 0));
      for (let j = 0; j < pixels; j++) z[j] = z[j]! / norm;
      standardized.set(row, z);
    }
    return z;
  };
  return directions.map((direction) => {
    const top = topByProjection(acts, direction, k);
    const zs = top.map(unit);
    let total = 0;
    for (let a = 0; a < k; a++)
      for (let b = a + 1; b < k; b++) {
        let dot = 0;
        for (let j = 0; j < pixels; j++) dot += zs[a]![j]! * zs[b]![j]!;
        total += dot;
      }
    return { top, purity: classPurity(labels, top), coherence: total / ((k * (k - 1)) / 2) };
  });
}
