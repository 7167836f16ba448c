/** The "your model" browser test's fixture and its Node reference: a small seeded RGB CNN, images, the same calls. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { integratedGradients, saliency } from '@openbox/attribution';
import { channel, firstConvKernels, lucidParam, renderUnits } from '@openbox/cnn-vis';
import { decodeImage, encodeImage, resizeImage, scalePixels, toChannels } from '@openbox/datasets';
import { createRng, loadImageModel, saveModel } from '@openbox/runtime';
import type { ImageModel } from '@openbox/runtime';
// @openbox/test has no dependency on the private @openbox/testing; its model fixtures are read from the sources.
import {
  functionalRgbNet,
  saveGraphModel,
  saveShardedLayersModel,
  toGraphModelArtifacts,
} from '@openbox/testing';

/** Every fixture model's input. */
export const INPUT = [16, 16, 3] as const;

/** What the page is asked to compute (and Node computes the same way); the layer is chosen per model. */
export const SETTINGS = {
  channels: 4,
  steps: 16,
  seed: 7,
  igSteps: 16,
  scale: '0-1',
} as const;

/**
 * A seeded sequential CNN on `[16, 16, 3]`: conv1 → bn1 (moving statistics drawn, so BatchNorm at inference is not the
 * identity) → pool1 → conv2 → gap → head (3-way softmax).
 */
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

/**
 * The models the page is given: `sequential` (the net above, runtime `saveModel`: model.json + weights.bin),
 * `functional` (@openbox/testing's functional RGB net with BatchNorm, a branch/merge, Dropout and slashed layer
 * names, 16 px, in 4 KiB weight shards like tensorflowjs_converter writes) and `graph` (the same functional net as a
 * graph model, `format: "graph-model"`, weights in two groups of shards).
 */
export const MODEL_KINDS = ['sequential', 'functional', 'graph'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** The fixture on disk: the saved model's files and the image files. */
export interface OwnModelFixture {
  readonly kind: ModelKind;
  readonly dir: string;
  /** model.json first, then its weight files. */
  readonly modelFiles: readonly string[];
  readonly imageFiles: readonly string[];
  readonly cleanup: () => Promise<void>;
}

/** Saves a model of `kind` and writes the images (datasets `encodeImage`: fast-png, jpeg-js). */
export async function writeOwnModelFixture(kind: ModelKind): Promise<OwnModelFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-own-model-'));
  const modelDir = path.join(dir, 'model');
  let modelFiles: string[];
  if (kind === 'sequential') {
    const model = buildModel();
    await saveModel(model, modelDir);
    model.dispose();
    modelFiles = [path.join(modelDir, 'model.json'), path.join(modelDir, 'weights.bin')];
  } else {
    const model = functionalRgbNet({ size: INPUT[0], seed: 5, classes: 3 });
    const files =
      kind === 'functional'
        ? await saveShardedLayersModel(model, modelDir, { shardBytes: 4096 })
        : await saveGraphModel(toGraphModelArtifacts(model), modelDir, { shardBytes: 4096, groups: 2 });
    model.dispose();
    modelFiles = [files.modelJson, ...files.shards];
  }
  const imageFiles: string[] = [];
  for (const [i, img] of IMAGES.entries()) {
    const file = path.join(dir, img.name);
    const pixels = pattern(img.h, img.w, img.c, i + 1);
    await writeFile(file, encodeImage(pixels, [img.h, img.w, img.c], { format: img.format }));
    imageFiles.push(file);
  }
  return { kind, dir, modelFiles, imageFiles, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Layers with a 4-D output, as the page offers them for activation maximization. */
export const channelLayers = (adapter: ImageModel): string[] =>
  adapter
    .layers()
    .filter((l) => l.outputShape.length === 4 && l.channels > 0)
    .map((l) => l.name);

/** Node's numbers for the same model files, images and settings, through the same library calls as the page. */
export interface NodeReference {
  /** The layer visualized: the deepest with channels. */
  readonly layer: string;
  /** Every layer with channels, input to output (what the page must offer). */
  readonly channelLayers: readonly string[];
  readonly layerCount: number;
  readonly filtersLayer: string;
  readonly filtersShape: readonly number[];
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
 * 1. the model read back from its files (runtime `loadImageModel`: a layers or a graph model); 2. each image decoded, converted to 3 channels,
 * resized to 16 × 16 and scaled x/255 (datasets); 3. predicted classes; 4. `renderUnits` with `channel` on the
 * same layer, channels, steps, seed and parameterization; 5. integrated gradients and saliency for the predicted
 * class. The layer is the deepest with channels. Every tensor disposed.
 */
export async function nodeReference(fixture: OwnModelFixture): Promise<NodeReference> {
  const adapter = await loadImageModel(fixture.modelFiles[0]!);
  try {
    const offered = channelLayers(adapter);
    const layer = offered[offered.length - 1]!;
    const filters = firstConvKernels(adapter);
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
      const actmax = renderUnits(adapter, channel(layer, channels), {
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
        layer,
        channelLayers: offered,
        layerCount: adapter.layers().length,
        filtersLayer: filters.layer,
        filtersShape: filters.shape,
        kernel: filters.kernel,
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
    (adapter as ImageModel & { model: { dispose(): void } }).model.dispose();
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
