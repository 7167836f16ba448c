/** `scalePixels` for the live page: an image's values in [0, 1] mapped to a model's input by a `--scale` preset. */
import { IMAGE_SCALES, scalePixels as scale255, type ImageScale } from '@openbox/datasets';

/** The presets of `--scale` (datasets' `IMAGE_SCALES`). */
export const LIVE_SCALES = IMAGE_SCALES;
export type LiveScale = ImageScale;

/**
 * The values u in [0, 1] (u = v/255, as the page shows them) as the model takes them: datasets' `scalePixels` of
 * v = 255·u — `0-1` u itself (copied, bit for bit); `-1-1` v/127.5 − 1; `imagenet` (u − mean_c)/std_c per RGB channel
 * (one channel: the channels' average mean and std). Row-major, `channels` (1 or 3) last; a new array.
 * @example scalePixels(Float32Array.of(0, 1), 1, '-1-1') // Float32Array [-1, 1]
 */
export function scalePixels(values: Float32Array, channels: number, scale: LiveScale): Float32Array {
  if (scale === '0-1') return Float32Array.from(values);
  return scale255(
    values.map((u) => u * 255),
    channels as 1 | 3,
    scale,
  );
}
