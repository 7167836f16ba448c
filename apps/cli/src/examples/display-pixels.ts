/** `toDisplay`: model-scaled pixels back to [0, 1] for drawing (the inverse of `@openbox/datasets`' `scalePixels`). */
import { IMAGENET_MEAN, IMAGENET_STD, type ImageScale } from '@openbox/datasets';

/** Per channel: display = x·a[c] + b[c]. */
function inverse(scale: ImageScale, channels: number): { a: number[]; b: number[] } {
  if (scale === '0-1') return { a: [1], b: [0] };
  if (scale === '-1-1') return { a: [0.5], b: [0.5] };
  const mean = (v: readonly number[]) => (v[0]! + v[1]! + v[2]!) / 3;
  const stds = channels === 3 ? [...IMAGENET_STD] : [mean(IMAGENET_STD)];
  const means = channels === 3 ? [...IMAGENET_MEAN] : [mean(IMAGENET_MEAN)];
  return { a: stds, b: means };
}

/**
 * HWC pixels in `scale` (`0-1` x, `-1-1` (x + 1)/2, `imagenet` x·std[c] + mean[c]) → values in [0, 1] (a new
 * array; values outside are left to the PNG writer's clipping).
 * @example toDisplay(Float32Array.of(-1, 1), 1, '-1-1') // Float32Array [0, 1]
 */
export function toDisplay(pixels: Float32Array, channels: number, scale: ImageScale): Float32Array {
  const { a, b } = inverse(scale, channels);
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < out.length; i++) {
    const k = a.length === 1 ? 0 : i % channels;
    out[i] = pixels[i]! * a[k]! + b[k]!;
  }
  return out;
}
