/** Random-rotate transform: rotate each image by its own angle drawn uniformly from ±degrees. */
import type { Transform } from './transform.js';
import { rotateImages } from './resample.js';

/**
 * Per-image rotation about the centre with the three-shear differentiable resampler (Lucid: ±10°).
 * @example randomRotate({ degrees: 10 })
 */
export function randomRotate(options: { degrees: number }): Transform {
  const max = (options.degrees * Math.PI) / 180;
  return (image, rng) =>
    max === 0
      ? image
      : rotateImages(
          image,
          Array.from({ length: image.shape[0] }, () => (2 * rng.next() - 1) * max),
        );
}
