/** The "your model" browser test's fixture and its Node reference: a small seeded RGB CNN, images, the same calls. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { integratedGradients, saliency } from '@openbox/attribution';
import { channel, firstConvKernels, lucidParam, renderUnits } from '@openbox/cnn-vis';
import { decodeImage, encodeImage, resizeImage, scalePixels, toChannels } from '@openbox/datasets';
import { createRng, loadModel, ModelAdapter, saveModel } from '@openbox/runtime';

/** Input `[16, 16, 3]`; conv1 → bn1 (drawn moving statistics) → pool1 → conv2 → gap → 3-way softmax. */
export const INPUT = [16, 16, 3] as const;

/** What the page is asked to compute (and Node computes the same way). */
export const SETTINGS = {
  layer: 'conv2',
  channels: 4,
  steps: 16,
  seed: 7,
  igSteps: 16,
  scale: '0-1',
} as const;

/** A seeded sequential CNN with BatchNorm at inference (moving statistics drawn, so BN is not the identity). */
function buildModel(): tfl.LayersModel {
  let seed = 100;
  const next = () => ++seed;
  const uniform = (minval: number, maxval: number) =>
    tfl.initializers.randomUniform({ minval, maxval, seed: next() });
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        name: 'conv1',
        inputShape: [...INPUT],
        filters: 6,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: next() }),
        biasInitializer: uniform(-0.1, 0.1),
      }),
      tfl.layers.batchNormalization({
        name: 'bn1',
        gammaInitializer: uniform(0.5, 1.5),
        betaInitializer: uniform(-0.2, 0.2),
        movingMeanInitializer: uniform(0, 0.3),
        movingVarianceInitializer: uniform(0.5, 1.5),
      }),
      tfl.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }),
      tfl.layers.conv2d({
        name: 'conv2',
        filters: 8,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: next() }),
        biasInitializer: uniform(-0.1, 0.1),
      }),
      tfl.layers.globalAveragePooling2d({ name: 'gap' }),
      tfl.layers.dense({
        name: 'head',
        units: 3,
        activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: next() }),
      }),
    ],
  });
}

/** Smooth seeded patterns in [0, 1], `[h, w, c]` row-major: a tilted ramp per channel plus a little noise. */
function pattern(h: number, w: number, c: 1 | 3, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(h * w * c);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let k = 0; k < c; k++) {
        const ramp = 0.5 + 0.4 * Math.sin((x * (k + 1)) / w + (y * (3 - k)) / h + seed);
        out[(y * w + x) * c + k] = Math.min(1, Math.max(0, ramp + 0.1 * (rng.next() - 0.5)));
      }
  return out;
}

/** Three images of other sizes than the input (so the page resizes): RGB PNG, gray PNG, RGB JPEG. */
const IMAGES = [
  { name: 'ramp-rgb.png', h: 20, w: 24, c: 3, format: 'png' },
  { name: 'ramp-gray.png', h: 12, w: 12, c: 1, format: 'png' },
  { name: 'ramp.jpg', h: 32, w: 32, c: 3, format: 'jpeg' },
] as const;

/** The fixture on disk: the saved model's files and the image files. */
export interface OwnModelFixture {
  readonly dir: string;
  readonly modelFiles: readonly string[];
  readonly imageFiles: readonly string[];
  readonly cleanup: () => Promise<void>;
}

/** Builds, saves (runtime `saveModel`: model.json + weights.bin) and writes the images (datasets `encodeImage`). */
export async function writeOwnModelFixture(): Promise<OwnModelFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-own-model-'));
  const model = buildModel();
  await saveModel(model, path.join(dir, 'model'));
  model.dispose();
  const imageFiles: string[] = [];
  for (const [i, img] of IMAGES.entries()) {
    const file = path.join(dir, img.name);
    await writeFile(
      file,
      encodeImage(pattern(img.h, img.w, img.c, i + 1), [img.h, img.w, img.c], { format: img.format }),
    );
    imageFiles.push(file);
  }
  return {
    dir,
    modelFiles: [path.join(dir, 'model/model.json'), path.join(dir, 'model/weights.bin')],
    imageFiles,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Node's numbers for the same model files, images and settings, through the same library calls as the page. */
export interface NodeReference {
  readonly kernel: Float32Array;
  readonly inputs: Float32Array;
  readonly predicted: number[];
  readonly actmaxValues: Float32Array;
  /** The objective per channel at step 1: on the first transformed image, before any update. */
  readonly actmaxFirst: Float32Array;
  readonly actmaxImages: Float32Array;
  readonly integratedGradients: Float32Array;
  readonly saliency: Float32Array;
}

/**
 * 1. the model read back from its files (runtime `loadModel`); 2. each image decoded, converted to 3 channels,
 * resized to 16 × 16 and scaled x/255 (datasets); 3. predicted classes; 4. `renderUnits` with `channel` on the
 * same layer, channels, steps, seed and parameterization; 5. integrated gradients and saliency for the predicted
 * class. Every tensor disposed.
 */
export async function nodeReference(fixture: OwnModelFixture): Promise<NodeReference> {
  const model = await loadModel(fixture.modelFiles[0]!);
  const adapter = new ModelAdapter(model);
  try {
    const [h, w, c] = INPUT;
    const inputs = new Float32Array(fixture.imageFiles.length * h * w * c);
    for (const [i, file] of fixture.imageFiles.entries()) {
      const image = decodeImage(new Uint8Array(await readFile(file)), path.basename(file));
      const rgb = toChannels(image.data, image.channels, c);
      const resized = resizeImage(rgb, [image.height, image.width, c], [h, w]);
      inputs.set(scalePixels(resized, c, SETTINGS.scale), i * h * w * c);
    }
    const x = tf.tensor4d(inputs, [fixture.imageFiles.length, h, w, c]);
    try {
      const predicted = Array.from(adapter.predictClasses(x));
      const channels = Array.from({ length: SETTINGS.channels }, (_, i) => i);
      const actmax = renderUnits(adapter, channel(SETTINGS.layer, channels), {
        steps: SETTINGS.steps,
        seed: SETTINGS.seed,
        param: lucidParam({ range: [0, 1] }),
      });
      const read = (method: typeof integratedGradients | typeof saliency, options: object): Float32Array => {
        const r = method.attribute(adapter, x, { targets: predicted, ...options });
        const values = Float32Array.from(r.attributions.dataSync());
        tf.dispose([r.attributions, r.delta, r.layerAttributions].filter((t) => t !== undefined));
        return values;
      };
      return {
        kernel: firstConvKernels(model).kernel,
        inputs,
        predicted,
        actmaxValues: actmax.finalValues,
        actmaxFirst: Float32Array.from(actmax.curve, (c) => c[0]!),
        actmaxImages: actmax.images,
        integratedGradients: read(integratedGradients, { steps: SETTINGS.igSteps }),
        saliency: read(saliency, {}),
      };
    } finally {
      x.dispose();
    }
  } finally {
    model.dispose();
  }
}

/** max |a − b| / max(1, max |b|): absolute below 1, relative above (as `expectArraysClose`). */
export function scaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`scaledError: lengths ${a.length} and ${b.length} differ`);
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

/** max |a − b| / max |b| (relative to the largest reference magnitude). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`relativeError: lengths ${a.length} and ${b.length} differ`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}
