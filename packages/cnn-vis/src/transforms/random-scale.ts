/** Random-scale transform: zoom each image by its own factor drawn uniformly from [min, max]. */
import type { Transform } from './transform.js';
import { scaleImages } from './resample.js';

/**
 * Per-image zoom about the centre with the differentiable separable resampler (Lucid: scales 0.90–1.10).
 * @example randomScale({ scales: [0.9, 1.1] })
 */
export function randomScale(options: { scales: readonly [number, number] }): Transform {
  const [lo, hi] = options.scales;
  return (image, rng) =>
    scaleImages(
      image,
      Array.from({ length: image.shape[0] }, () => lo + (hi - lo) * rng.next()),
    );
}
