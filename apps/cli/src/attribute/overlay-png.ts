/**
 * Drawing only: one attribution heatmap over its grayscale input as PNG bytes (fast-png, via cnn-vis's `imagesToPng`). Signed maps use a diverging
 * blue–white–red scale symmetric about 0 (±max |a| at full colour); non-negative maps a sequential black–red–yellow
 * ("hot") scale from 0 to max a. The heat is blended over the input by its strength, so weak pixels show the image.
 */
import { imagesToPng } from '@openbox/cnn-vis';

/** An RGB colour, each channel in [0, 1]. */
export type Rgb = readonly [number, number, number];

/** Diverging: −1 → blue, 0 → white, 1 → red (t clipped to [−1, 1]). */
export function diverging(t: number): Rgb {
  const s = Math.min(1, Math.abs(t));
  return t >= 0 ? [1, 1 - s, 1 - s] : [1 - s, 1 - s, 1];
}

/** Sequential "hot": 0 → black, 1/3 → red, 2/3 → yellow, 1 → white (t clipped to [0, 1]). */
export function sequential(t: number): Rgb {
  const s = Math.min(1, Math.max(0, t)) * 3;
  return [Math.min(1, s), Math.min(1, Math.max(0, s - 1)), Math.min(1, Math.max(0, s - 2))];
}

/** Options of {@link overlayPng}. */
export interface OverlayOptions {
  /** Diverging colours about 0 (signed maps) or sequential ones (non-negative maps). */
  readonly signed: boolean;
  /** Integer upscaling factor (nearest neighbour). Default 1. */
  readonly scale?: number;
}

/** Largest weight of the heat over the image (at full strength). */
const MAX_HEAT = 0.85;

/**
 * One `[h, w, c]` input and its attribution of the same shape as a PNG of `h·scale × w·scale`: the attribution is
 * summed over channels (Captum's `visualize_image_attr` does the same), scaled by its max |a|, coloured, and blended
 * over the input shown as gray (the channel mean, stretched to its own min..max).
 * @example writeFileSync('x.png', overlayPng(image, attribution, [28, 28, 1], { signed: true, scale: 8 }));
 */
export function overlayPng(
  image: Float32Array,
  attribution: Float32Array,
  shape: readonly [number, number, number],
  options: OverlayOptions,
): Uint8Array {
  const [h, w, c] = shape;
  const scale = options.scale ?? 1;
  // 1. Per pixel: gray level and channel-summed heat.
  const gray = new Float32Array(h * w);
  const heat = new Float32Array(h * w);
  for (let p = 0; p < h * w; p++) {
    for (let k = 0; k < c; k++) {
      gray[p]! += image[p * c + k]! / c;
      heat[p]! += attribution[p * c + k]!;
    }
  }
  // 2. Normalizers: the gray range and the largest |heat| (an all-zero map stays uncoloured).
  let lo = Infinity;
  let hi = -Infinity;
  let peak = 0;
  for (let p = 0; p < h * w; p++) {
    lo = Math.min(lo, gray[p]!);
    hi = Math.max(hi, gray[p]!);
    peak = Math.max(peak, Math.abs(heat[p]!));
  }
  const range = hi > lo ? hi - lo : 1;
  // 3. Blend, then encode upscaled (nearest neighbour; values × 255 rounded).
  const rgb = new Float32Array(h * w * 3);
  for (let p = 0; p < h * w; p++) {
    const g = (gray[p]! - lo) / range;
    const t = peak > 0 ? heat[p]! / peak : 0;
    const colour = options.signed ? diverging(t) : sequential(t);
    const alpha = MAX_HEAT * Math.min(1, Math.abs(t));
    for (let k = 0; k < 3; k++) rgb[p * 3 + k] = (1 - alpha) * g + alpha * colour[k]!;
  }
  return imagesToPng(rgb, [1, h, w, 3], { scale, gap: 0 });
}
