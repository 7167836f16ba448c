/** The reference MNIST CNN: trained once (seeded), saved with the runtime's model IO, validated and reused from disk. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadMnist, type Dataset } from '@openbox/datasets';
import {
  buildReferenceCnn,
  createRng,
  defaultCacheDir,
  loadModel,
  saveModel,
  type Rng,
} from '@openbox/runtime';
import { MESSAGES } from '../messages.js';

/** Bumped whenever the architecture, data split or training recipe changes: older caches are retrained. */
export const REFERENCE_CNN_VERSION = 1;
/** The accuracy the reference CNN must reach on the MNIST test split. */
export const MIN_TEST_ACCURACY = 0.98;
/** Training epochs of the reference CNN. */
export const DEFAULT_EPOCHS = 10;

/** Sidecar `meta.json` stored next to `model.json`. */
export interface ReferenceCnnMeta {
  readonly version: number;
  readonly seed: number;
  readonly epochs: number;
  readonly inputShape: readonly number[];
  readonly classes: number;
  readonly testAccuracy: number;
  readonly trainSamples: number;
  readonly testSamples: number;
  readonly trainSeconds: number;
  readonly backend: string;
  readonly trainedAt: string;
}

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

/** `<cache root>/models/mnist-cnn`. */
export function referenceCnnDir(cacheDir?: string): string {
  return join(cacheDir ?? defaultCacheDir(), 'models', 'mnist-cnn');
}

/** Accuracy of `model` on a dataset of images, in batches of 500. */
export function accuracyOn(model: tfl.LayersModel, data: Dataset): number {
  const [n, h, w, c] = data.shape as [number, number, number, number];
  let correct = 0;
  for (let start = 0; start < n; start += 500) {
    const count = Math.min(500, n - start);
    const predicted = tf.tidy(() => {
      const x = tf.tensor4d(data.features.subarray(start * h * w * c, (start + count) * h * w * c), [
        count,
        h,
        w,
        c,
      ]);
      return tf.argMax(model.predict(x) as tf.Tensor2D, 1);
    });
    const values = predicted.dataSync();
    predicted.dispose();
    for (let i = 0; i < count; i++) if (values[i] === data.target[start + i]) correct++;
  }
  return correct / n;
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

/**
 * Trains the reference CNN from scratch on the 8,000 training digits of `loadMnist({ seed })`: Adam (lr 3e-3, a third
 * of it for the last three epochs), batch 32, each epoch a seeded shuffle with random shifts of ±2 px (without them
 * the net overfits the small set at ~97.8%).
 */
export async function trainReferenceCnn(
  options: { seed?: number; epochs?: number; onEpoch?: (epoch: number, loss: number) => void } = {},
) {
  const seed = options.seed ?? 0;
  const epochs = options.epochs ?? DEFAULT_EPOCHS;
  const { train, test } = loadMnist({ seed });
  const model = buildReferenceCnn({ seed });
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
  const meta: ReferenceCnnMeta = {
    version: REFERENCE_CNN_VERSION,
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

/** Why a cached model cannot be used, or undefined when it can. */
async function staleReason(dir: string, seed: number, epochs: number): Promise<string | undefined> {
  if (!existsSync(join(dir, 'model.json')) || !existsSync(join(dir, 'meta.json'))) return 'missing';
  const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as Partial<ReferenceCnnMeta>;
  if (meta.version !== REFERENCE_CNN_VERSION) return `version ${meta.version} != ${REFERENCE_CNN_VERSION}`;
  if (meta.seed !== seed || meta.epochs !== epochs)
    return `trained with seed ${meta.seed}, ${meta.epochs} epochs`;
  if (!(typeof meta.testAccuracy === 'number' && meta.testAccuracy >= MIN_TEST_ACCURACY))
    return `stored accuracy ${meta.testAccuracy}`;
  return undefined;
}

/**
 * The reference MNIST CNN: loaded from `<cache>/models/mnist-cnn/` when present and valid (version, seed, input
 * shape `[28, 28, 1]`, 10 outputs, stored test accuracy ≥ 0.98 and re-measured within 0.5 points), trained and saved
 * otherwise (10 epochs over 8,000 shifted digits; about 75 s on 2 cores with wasm and OpenBox's kernels).
 * @example const { model, meta } = await loadReferenceCnn(); meta.testAccuracy // ≈ 0.98–0.99
 */
export async function loadReferenceCnn(options: ReferenceCnnOptions = {}): Promise<ReferenceCnn> {
  const seed = options.seed ?? 0;
  const epochs = options.epochs ?? DEFAULT_EPOCHS;
  const dir = referenceCnnDir(options.cacheDir);
  // 1. Try the cache.
  const reason = await staleReason(dir, seed, epochs);
  if (reason === undefined) {
    const model = await loadModel(join(dir, 'model.json'));
    const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as ReferenceCnnMeta;
    const shapeOk =
      JSON.stringify(model.inputs[0]?.shape.slice(1)) === '[28,28,1]' && model.outputs[0]?.shape[1] === 10;
    const measured = shapeOk ? accuracyOn(model, loadMnist({ seed }).test) : 0;
    if (shapeOk && Math.abs(measured - meta.testAccuracy) <= 0.005)
      return { model, meta, fromCache: true, dir };
    model.dispose();
    console.warn(
      MESSAGES.staleModel(dir, shapeOk ? `re-measured accuracy ${measured}` : 'wrong input or output shape'),
    );
  } else if (reason !== 'missing') {
    console.warn(MESSAGES.staleModel(dir, reason));
  }
  // 2. Train, check, save.
  const { model, meta } = await trainReferenceCnn({
    seed,
    epochs,
    ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
  });
  if (meta.testAccuracy < MIN_TEST_ACCURACY)
    throw new Error(MESSAGES.lowAccuracy(meta.testAccuracy, MIN_TEST_ACCURACY));
  await mkdir(dir, { recursive: true });
  await saveModel(model, dir);
  await writeFile(join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return { model, meta, fromCache: false, dir };
}
