/** `makePatternImages`: small noisy images (gray or RGB) whose class is a bright horizontal or vertical bar. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import { createRandom, shuffleInPlace } from '../random.js';
import type { Dataset } from '../types.js';
import { checkInteger } from './check-args.js';

const FN = 'makePatternImages';
const CLASSES = ['horizontal', 'vertical'] as const;

/** Options of `makePatternImages`; all required. */
export interface PatternImagesOptions {
  /** Images, ≥ 1. */
  n: number;
  /** Side of the square images, ≥ 4. */
  size: number;
  /** Integer seed; same seed, same images. */
  seed: number;
  /** 1 (gray, the default) or 3 (RGB: noise drawn per channel, each bar of a seeded random hue). */
  channels?: 1 | 3;
}

/** Pattern images with the ground-truth pixels of each image's pattern. */
export type PatternImages = Dataset & {
  /** 1 where the bar is (every channel of its pixels), 0 elsewhere; same layout as `features`. An attribution map should light these up. */
  readonly patternMask: Uint8Array;
};

/**
 * Each `size`×`size`×1 image has background noise U(0, 0.2) and one bar of length ceil(size / 2), one pixel
 * thick, with values U(0.8, 1), at a random position: class 'horizontal' (0) or 'vertical' (1). Classes are
 * balanced (⌈n/2⌉ and ⌊n/2⌋) in seeded random order. The bar alone decides the class; `patternMask` marks it.
 *
 * With `channels: 3` the images are `size`×`size`×3: the noise is drawn per channel, and each image's bar gets a
 * random hue h ~ U(0, 1) at HSV saturation 0.6, each bar pixel's value V ~ U(0.8, 1) — so every channel of a bar
 * pixel is in [0.4·V, V] ⊂ [0.32, 1] and its brightest channel ≥ 0.8. Hue is independent of the class, so an RGB
 * model must use the orientation, not the colour. `channels: 1` (the default) gives exactly the gray images of
 * earlier versions, draw for draw.
 * @example const ds = makePatternImages({ n: 200, size: 8, seed: 0 }); ds.shape // [200, 8, 8, 1]
 * @example await writeImageFolder(dir, makePatternImages({ n: 40, size: 64, seed: 0, channels: 3 }));
 */
export function makePatternImages(options: PatternImagesOptions): PatternImages {
  // 1. Options.
  const n = checkInteger(FN, 'options.n', options.n, 1);
  const size = checkInteger(FN, 'options.size', options.size, 4);
  const seed = checkInteger(FN, 'options.seed', options.seed, Number.MIN_SAFE_INTEGER);
  const channels = options.channels ?? 1;
  if (channels !== 1 && channels !== 3) {
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(FN, 'options.channels', '1 or 3', channels),
    );
  }
  // 2. Balanced labels in seeded order, then each image: noise, then its bar.
  const random = createRandom(seed);
  const labels = shuffleInPlace(
    Array.from({ length: n }, (_, i) => i % 2),
    random,
  );
  const values = size * size * channels;
  const length = Math.ceil(size / 2);
  const features = new Float32Array(n * values);
  const patternMask = new Uint8Array(n * values);
  for (let i = 0; i < n; i++) {
    const base = i * values;
    for (let p = 0; p < values; p++) features[base + p] = random.uniform() * 0.2;
    const line = random.int(size); // the bar's row (horizontal) or column (vertical)
    const start = random.int(size - length + 1);
    const hue = channels === 3 ? hueRgb(random.uniform()) : undefined;
    for (let k = 0; k < length; k++) {
      const [r, c] = labels[i] === 0 ? [line, start + k] : [start + k, line];
      const at = base + (r * size + c) * channels;
      const v = 0.8 + random.uniform() * 0.2;
      for (let ch = 0; ch < channels; ch++) {
        features[at + ch] = hue === undefined ? v : v * (1 - SATURATION * (1 - hue[ch]!));
        patternMask[at + ch] = 1;
      }
    }
  }
  // 3. The dataset.
  const colour = channels === 3 ? `×3 (RGB: noise per channel, each bar of a random hue)` : '';
  return {
    name: 'pattern-images',
    features,
    shape: [n, size, size, channels],
    featureNames: ['pixel'],
    target: Int32Array.from(labels),
    classNames: [...CLASSES],
    targetName: 'bar',
    description:
      `Synthetic ${size}×${size}${colour} images (seed ${seed}): background U(0, 0.2) plus one bright bar (U(0.8, 1)) of ` +
      `length ${length}, one pixel thick, at a random place; the class is the bar's orientation ` +
      `(horizontal or vertical). patternMask marks the bar pixels.`,
    source: `@openbox/datasets makePatternImages (mulberry32 seed ${seed})`,
    license: 'MIT (generated)',
    missing: { rowsInSource: n, rowsDropped: 0, policy: 'generated; no missing values' },
    patternMask,
  };
}

/** HSV saturation of the RGB bars: each channel is V·(1 − S·(1 − rgb)), so the dimmest is V·(1 − S). */
const SATURATION = 0.6;

/** The fully saturated colour of hue `h` ∈ [0, 1) (HSV with S = V = 1): RGB in [0, 1], max channel 1, min 0. */
function hueRgb(h: number): [number, number, number] {
  const channel = (offset: number): number => {
    const k = (offset + h * 6) % 6;
    return 1 - Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [channel(5), channel(3), channel(1)];
}
