/** `makePatternImages`: small noisy images whose class is a bright horizontal or vertical bar. */
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
}

/** Pattern images with the ground-truth pixels of each image's pattern. */
export type PatternImages = Dataset & {
  /** 1 where the bar is, 0 elsewhere; same layout as `features`. An attribution map should light these up. */
  readonly patternMask: Uint8Array;
};

/**
 * Each `size`×`size`×1 image has background noise U(0, 0.2) and one bar of length ceil(size / 2), one pixel
 * thick, with values U(0.8, 1), at a random position: class 'horizontal' (0) or 'vertical' (1). Classes are
 * balanced (⌈n/2⌉ and ⌊n/2⌋) in seeded random order. The bar alone decides the class; `patternMask` marks it.
 * @example const ds = makePatternImages({ n: 200, size: 8, seed: 0 }); ds.shape // [200, 8, 8, 1]
 */
export function makePatternImages(options: PatternImagesOptions): PatternImages {
  const n = checkInteger(FN, 'options.n', options.n, 1);
  const size = checkInteger(FN, 'options.size', options.size, 4);
  const seed = checkInteger(FN, 'options.seed', options.seed, Number.MIN_SAFE_INTEGER);
  const random = createRandom(seed);
  const labels = shuffleInPlace(
    Array.from({ length: n }, (_, i) => i % 2),
    random,
  );
  const pixels = size * size;
  const length = Math.ceil(size / 2);
  const features = new Float32Array(n * pixels);
  const patternMask = new Uint8Array(n * pixels);
  for (let i = 0; i < n; i++) {
    const base = i * pixels;
    for (let p = 0; p < pixels; p++) features[base + p] = random.uniform() * 0.2;
    const line = random.int(size); // the bar's row (horizontal) or column (vertical)
    const start = random.int(size - length + 1);
    for (let k = 0; k < length; k++) {
      const [r, c] = labels[i] === 0 ? [line, start + k] : [start + k, line];
      features[base + r * size + c] = 0.8 + random.uniform() * 0.2;
      patternMask[base + r * size + c] = 1;
    }
  }
  return {
    name: 'pattern-images',
    features,
    shape: [n, size, size, 1],
    featureNames: ['pixel'],
    target: Int32Array.from(labels),
    classNames: [...CLASSES],
    targetName: 'bar',
    description:
      `Synthetic ${size}×${size} images (seed ${seed}): background U(0, 0.2) plus one bright bar (U(0.8, 1)) of ` +
      `length ${length}, one pixel thick, at a random place; the class is the bar's orientation ` +
      `(horizontal or vertical). patternMask marks the bar pixels.`,
    source: `@openbox/datasets makePatternImages (mulberry32 seed ${seed})`,
    license: 'MIT (generated)',
    missing: { rowsInSource: n, rowsDropped: 0, policy: 'generated; no missing values' },
    patternMask,
  };
}
