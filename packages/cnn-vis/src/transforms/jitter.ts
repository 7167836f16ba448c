/** Jitter transform: a random crop that shifts the image by up to `pixels` (Lucid's `jitter`). */
import { cropHW } from '../util/crop.js';
import type { Transform } from './transform.js';

/**
 * Crops `[H − d, W − d]` at a random offset in `[0, d]²` (one offset per step for the whole batch, as Lucid's).
 * @example jitter({ pixels: 1 })
 */
export function jitter(options: { pixels: number }): Transform {
  const d = Math.max(0, Math.round(options.pixels));
  return (image, rng) => {
    if (d === 0) return image;
    const [, h, w] = image.shape;
    const oy = Math.floor(rng.next() * (d + 1));
    const ox = Math.floor(rng.next() * (d + 1));
    return cropHW(image, oy, ox, h - d, w - d);
  };
}
