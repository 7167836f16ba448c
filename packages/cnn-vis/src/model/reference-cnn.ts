/** The reference MNIST CNN: trained once (seeded), saved with the runtime's model IO, validated and reused from disk. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadMnist, type Dataset } from '@openbox/datasets';
import { buildReferenceCnn, createRng, defaultCacheDir, initBackend, type Rng } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
import {
  accuracyFitsRecipe,
  CNN_RECIPES,
  isCnnRecipe,
  RECIPE_ACCURACY,
  shuffleLabels,
  type CnnRecipe,
} from './cnn-recipe.js';
import { accuracyOn } from './accuracy-on.js';
import {
  discardReferenceCnnCache,
  inspectReferenceCnnCache,
  writeReferenceCnnCache,
} from './reference-cnn-cache.js';
import {
  DEFAULT_EPOCHS,
  REFERENCE_CNN_VERSION,
  type ReferenceCnnMeta,
  type TrainedReferenceCnnMeta,
} from './reference-cnn-meta.js';

export { accuracyOn } from './accuracy-on.js';
export { CNN_RECIPES, isCnnRecipe, RECIPE_ACCURACY, shuffleLabels } from './cnn-recipe.js';
export type { CnnRecipe } from './cnn-recipe.js';
export { DEFAULT_EPOCHS, MIN_TEST_ACCURACY, REFERENCE_CNN_VERSION } from './reference-cnn-meta.js';
export type { ReferenceCnnMeta } from './reference-cnn-meta.js';

/** Options for {@link loadReferenceCnn}. */
export interface ReferenceCnnOptions {
  /** Cache root. Default `process.env.OPENBOX_CACHE ?? ~/.cache/openbox`; the model lives in `<root>/models/mnist-cnn/`. */
  readonly cacheDir?: string;
  /** Seed of the weights, the split and the batch order. Default 0. */
  readonly seed?: number;
  /** Training epochs over the 8,000 training digits. Default 10. */
  readonly epochs?: number;
  /** Called after each training epoch (only when training). */
  readonly onEpoch?: (epoch: number, loss: number) => void;
  /** The training recipe ({@link CNN_RECIPES}): the reference (`standard`, default) or a trained control. */
  readonly recipe?: CnnRecipe;
}

/** The loaded or freshly trained model with its sidecar facts. */
export interface ReferenceCnn {
  readonly model: tfl.LayersModel;
  readonly meta: ReferenceCnnMeta;
  /** True when read from disk, false when trained by this call. */
  readonly fromCache: boolean;
  /** Directory holding `model.json` and `meta.json`. */
  readonly dir: string;
}

/**
 * `<cache root>/models/mnist-cnn` for the reference (recipe `standard`, seed 0); `<cache root>/models/
 * mnist-cnn-<recipe>-seed<seed>` for any other recipe or seed, so each model has its own folder.
 */
export function referenceCnnDir(
  cacheDir?: string,
  model: { readonly seed?: number; readonly recipe?: CnnRecipe } = {},
): string {
  const seed = model.seed ?? 0;
  const recipe = model.recipe ?? 'standard';
  const name = seed === 0 && recipe === 'standard' ? 'mnist-cnn' : `mnist-cnn-${recipe}-seed${seed}`;
  return join(cacheDir ?? defaultCacheDir(), 'models', name);
}

/** Copies `count` training digits in `order`, each shifted by a seeded random (dx, dy) in [−2, 2]² (zeros enter). */
function shiftedBatch(
  train: Dataset,
  order: readonly number[],
  rng: Rng,
): { xs: Float32Array; ys: Float32Array } {
  const side = 28;
  const pixels = side * side;
  const xs = new Float32Array(order.length * pixels);
  const ys = new Float32Array(order.length * 10);
  order.forEach((src, i) => {
    const dx = rng.int(5) - 2;
    const dy = rng.int(5) - 2;
    for (let y = 0; y < side; y++) {
      const sy = y - dy;
      if (sy < 0 || sy >= side) continue;
      for (let x = 0; x < side; x++) {
        const sx = x - dx;
        if (sx >= 0 && sx < side)
          xs[i * pixels + y * side + x] = train.features[src * pixels + sy * side + sx]!;
      }
    }
    ys[i * 10 + train.target[src]!] = 1;
  });
  return { xs, ys };
}

/** The first conv layer of `buildReferenceCnn`'s architecture, the one `frozen-first-layer` never trains. */
const FIRST_CONV = 'conv1';

/**
 * Trains the reference CNN from scratch on the 8,000 training digits of `loadMnist({ seed })`: Adam (lr 3e-3, a third
 * of it for the last three epochs), batch 32, each epoch a seeded shuffle with random shifts of ±2 px (without them
 * the net overfits the small set at ~97.8%).
 */
export async function trainReferenceCnn(
  options: {
    seed?: number;
    epochs?: number;
    onEpoch?: (epoch: number, loss: number) => void;
    recipe?: CnnRecipe;
  } = {},
): Promise<{ model: tfl.LayersModel; meta: TrainedReferenceCnnMeta }> {
  const seed = options.seed ?? 0;
  const epochs = options.epochs ?? DEFAULT_EPOCHS;
  const recipe = options.recipe ?? 'standard';
  const mnist = loadMnist({ seed });
  const test = mnist.test;
  const train = recipe === 'shuffled-labels' ? shuffleLabels(mnist.train, seed) : mnist.train;
  const model = buildReferenceCnn({ seed });
  if (recipe === 'frozen-first-layer') model.getLayer(FIRST_CONV).trainable = false;
  const optimizer = tf.train.adam(3e-3);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const rng = createRng(seed).fork('reference-cnn-batches');
  const n = train.shape[0]!;
  const started = performance.now();
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (epoch === epochs - 2) (optimizer as unknown as { learningRate: number }).learningRate = 1e-3;
    const { xs, ys } = shiftedBatch(train, rng.shuffle(Array.from({ length: n }, (_, i) => i)), rng);
    const x = tf.tensor4d(xs, [n, 28, 28, 1]);
    const y = tf.tensor2d(ys, [n, 10]);
    const history = await model.fit(x, y, { batchSize: 32, epochs: 1, shuffle: false, verbose: 0 });
    tf.dispose([x, y]);
    options.onEpoch?.(epoch, Number(history.history.loss?.[0] ?? NaN));
  }
  const trainSeconds = (performance.now() - started) / 1000;
  const testAccuracy = accuracyOn(model, test);
  const meta: TrainedReferenceCnnMeta = {
    version: REFERENCE_CNN_VERSION,
    ...(recipe === 'standard' ? {} : { recipe }),
    seed,
    epochs,
    inputShape: [28, 28, 1],
    classes: 10,
    testAccuracy,
    trainSamples: n,
    testSamples: test.shape[0]!,
    trainSeconds,
    backend: tf.getBackend(),
    trainedAt: new Date().toISOString(),
  };
  return { model, meta };
}

/**
 * The reference MNIST CNN: loaded from `<cache>/models/mnist-cnn/` when the cache passes `inspectReferenceCnnCache`
 * (meta.json parses; version, seed and epochs match; `model.json` and `weights.bin` have the size and SHA-256 that
 * meta.json records; the model loads with finite weights, has input `[28, 28, 1]` and 10 outputs, and its test
 * accuracy, ≥ 0.98, re-measures within 0.5 points). A damaged cache is reported in one line on stderr, removed and
 * retrained; a stale one (other version, seed or epochs) is retrained. Training takes about 75 s on 2 cores with
 * wasm and OpenBox's kernels; the model files and then meta.json are written atomically.
 * @example const { model, meta } = await loadReferenceCnn(); meta.testAccuracy // ≈ 0.98–0.99
 */
export async function loadReferenceCnn(options: ReferenceCnnOptions = {}): Promise<ReferenceCnn> {
  const seed = options.seed ?? 0;
  const epochs = options.epochs ?? DEFAULT_EPOCHS;
  const recipe = options.recipe ?? 'standard';
  if (!isCnnRecipe(recipe)) throw new Error(MESSAGES.unknownRecipe(recipe, CNN_RECIPES));
  const dir = referenceCnnDir(options.cacheDir, { seed, recipe });
  // 0. A backend: without one, loading the weights fails and a sound cache would read as damaged and be discarded.
  if (tf.engine().backendName == null) await initBackend();
  // 1. Try the cache.
  const state = await inspectReferenceCnnCache(dir, seed, epochs, () => loadMnist({ seed }).test, recipe);
  if (state.kind === 'hit') return { model: state.model, meta: state.meta, fromCache: true, dir };
  if (state.kind === 'damaged') console.warn(MESSAGES.damagedModel(dir, state.reason));
  if (state.kind === 'stale') console.warn(MESSAGES.staleModel(dir, state.reason));
  if (state.kind !== 'missing') await discardReferenceCnnCache(dir);
  // 2. Train, check, save.
  const { model, meta } = await trainReferenceCnn({
    seed,
    epochs,
    recipe,
    ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
  });
  if (!accuracyFitsRecipe(recipe, meta.testAccuracy)) {
    model.dispose();
    const band = RECIPE_ACCURACY[recipe];
    throw new Error(
      recipe === 'standard'
        ? MESSAGES.lowAccuracy(meta.testAccuracy, band.min)
        : MESSAGES.accuracyOutsideRecipe(recipe, meta.testAccuracy, band.min, band.max),
    );
  }
  await mkdir(dir, { recursive: true });
  return { model, meta: await writeReferenceCnnCache(dir, model, meta), fromCache: false, dir };
}
