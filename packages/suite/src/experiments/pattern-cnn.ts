/**
 * The localization experiment's data and model: `makePatternImages` bars (12×12) with a bright distractor square
 * added, and a small seeded CNN trained on them (conv 3×3×8 → max-pool 2 → conv 3×3×16 → flatten → dense 2 softmax).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { makePatternImages } from '@openbox/datasets';
import { createRng, type Rng } from '@openbox/runtime';

/** Side of the pattern images. */
export const PATTERN_SIZE = 12;
/** Side of the distractor square. */
export const DISTRACTOR_SIDE = 2;

/** Pattern images with their ground-truth bar mask. */
export interface PatternSet {
  readonly n: number;
  /** `[n, 12, 12, 1]` row-major. */
  readonly images: Float32Array;
  /** 0 horizontal, 1 vertical. */
  readonly labels: Int32Array;
  /** 1 on the bar's pixels (the class's evidence), 0 elsewhere (the distractor included). */
  readonly mask: Uint8Array;
}

/**
 * `makePatternImages({ n, size: 12, seed })`, then, when `distractor` is true, a {@link DISTRACTOR_SIDE}² square of
 * U(0.8, 1) — as bright as the bar, but the same in both classes — at a position drawn from `rng` that does not
 * touch the bar (redrawn until it does not). Without the distractor the bar is the only bright thing, so the image's
 * own intensity is a perfect localizer (mask AUC 1); with it, intensity points at the square as often as at the bar.
 * @example const { images, labels, mask } = patternSet(64, 1, createRng(0), true);
 */
export function patternSet(n: number, seed: number, rng: Rng, distractor: boolean): PatternSet {
  const ds = makePatternImages({ n, size: PATTERN_SIZE, seed });
  const images = Float32Array.from(ds.features);
  const mask = Uint8Array.from(ds.patternMask);
  const s = PATTERN_SIZE;
  for (let i = 0; distractor && i < n; i++) {
    const base = i * s * s;
    for (;;) {
      const [r, c] = [rng.int(s - DISTRACTOR_SIDE + 1), rng.int(s - DISTRACTOR_SIDE + 1)];
      const cells = [0, 1].flatMap((dr) => [0, 1].map((dc) => base + (r + dr) * s + c + dc));
      if (cells.some((p) => mask[p] === 1)) continue;
      for (const p of cells) images[p] = 0.8 + 0.2 * rng.next();
      break;
    }
  }
  return { n, images, labels: Int32Array.from(ds.target), mask };
}

/** The CNN, Glorot-uniform kernels seeded from `seed` (same seed, same initial weights). */
export function buildPatternCnn(seed: number): tfl.Sequential {
  const rng = createRng(seed).fork('pattern-cnn');
  const init = () => tfl.initializers.glorotUniform({ seed: rng.tfSeed() });
  const model = tfl.sequential({ name: 'pattern_cnn' });
  model.add(
    tfl.layers.conv2d({
      inputShape: [PATTERN_SIZE, PATTERN_SIZE, 1],
      filters: 8,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      name: 'conv1',
      kernelInitializer: init(),
    }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool1' }));
  model.add(
    tfl.layers.conv2d({
      filters: 16,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      name: 'conv2',
      kernelInitializer: init(),
    }),
  );
  model.add(tfl.layers.flatten({ name: 'flatten' }));
  model.add(tfl.layers.dense({ units: 2, activation: 'softmax', name: 'probs', kernelInitializer: init() }));
  return model;
}

/**
 * Trains {@link buildPatternCnn}(seed) on `set` with `labels` (default the set's own; pass permuted ones for the
 * data-randomization control): Adam 0.01, cross-entropy, batch 32, the rows in their given order (no shuffle: the
 * result depends on the seed only). Returns the model and its accuracy on `set` with `labels`.
 * @example const { model } = await trainPatternCnn(train, 0, 10);
 */
export async function trainPatternCnn(
  set: PatternSet,
  seed: number,
  epochs: number,
  labels: Int32Array = set.labels,
): Promise<{ model: tfl.Sequential; trainAccuracy: number }> {
  const model = buildPatternCnn(seed);
  const optimizer = tf.train.adam(0.01);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const x = tf.tensor4d(set.images, [set.n, PATTERN_SIZE, PATTERN_SIZE, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 2));
  try {
    const history = await model.fit(x, y, { epochs, batchSize: 32, shuffle: false, verbose: 0 });
    const acc = history.history['acc'] ?? history.history['accuracy'] ?? [];
    return { model, trainAccuracy: Number(acc[acc.length - 1] ?? Number.NaN) };
  } finally {
    optimizer.dispose();
    x.dispose();
    y.dispose();
  }
}
