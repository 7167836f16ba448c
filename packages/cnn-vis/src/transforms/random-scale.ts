/** Random-scale transform: zoom by a factor drawn uniformly from [min, max]. */
import type { Transform } from './transform.js';
import { scaleImages } from './resample.js';

/**
 * Zoom about the centre by a factor drawn uniformly from `scales` with the differentiable separable resampler
 * (Lucid: 0.90–1.10). One factor per step for the whole batch, as Lucid does (and faster: one 2-D matmul per axis);
 * `perImage: true` draws one per image.
 * @example randomScale({ scales: [0.9, 1.1] })
 */
export function randomScale(options: { scales: readonly [number, number]; perImage?: boolean }): Transform {
  const [lo, hi] = options.scales;
  return (image, rng) => {
    const n = image.shape[0];
    if (options.perImage === true)
      return scaleImages(
        image,
        Array.from({ length: n }, () => lo + (hi - lo) * rng.next()),
      );
    const s = lo + (hi - lo) * rng.next();
    return scaleImages(
      image,
      Array.from({ length: n }, () => s),
    );
  };
}
