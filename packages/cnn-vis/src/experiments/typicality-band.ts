/** Where an image's log-density falls among real images': the percentile that says "typical" or "atypical". */
import { pcaLogDensity, type PcaDensity } from './pca-density.js';

/** The log-densities of real images under a density, sorted ascending. */
export interface TypicalityBand {
  /** Real images it was measured on. */
  readonly count: number;
  /** Their log-densities (nats), ascending. */
  readonly sorted: Float64Array;
}

/** Log-densities of the first `n` images `[n, D]` under `density`, sorted: the band of real images. */
export function typicalityBand(density: PcaDensity, images: ArrayLike<number>, n: number): TypicalityBand {
  return { count: n, sorted: pcaLogDensity(density, images, n).sort() };
}

/**
 * The percentage of the band's real images whose log-density is strictly below `logDensity` (0 = below every real
 * image, 100 = above every one): 100 · #{real < value} / n, counted by binary search.
 */
export function percentileInBand(band: TypicalityBand, logDensity: number): number {
  let lo = 0;
  let hi = band.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (band.sorted[mid]! < logDensity) lo = mid + 1;
    else hi = mid;
  }
  return (100 * lo) / band.count;
}

/**
 * The band's `p`-quantile (p in [0, 1]) by linear interpolation between order statistics (R's type 7), e.g. 0.01 for
 * the 1st percentile, the lower edge of "typical".
 */
export function bandQuantile(band: TypicalityBand, p: number): number {
  const h = (band.count - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, band.count - 1);
  return band.sorted[lo]! + (h - lo) * (band.sorted[hi]! - band.sorted[lo]!);
}
