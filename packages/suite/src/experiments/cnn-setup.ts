/**
 * Shared set-up of the CNN experiments: the model (reference CNN or a user's file, LayersModel or GraphModel) and the
 * data (MNIST digits, or the user's image folder read at the model's input size), loaded once a process.
 */
import { loadMnist, type Dataset } from '@openbox/datasets';
import { loadReferenceCnn } from '@openbox/cnn-vis';
import { ModelAdapter, type ImageModel, type LayerInfo } from '@openbox/runtime';
import type { ExperimentContext } from '../experiment.js';
import { MESSAGES } from '../messages.js';
import { SuiteError } from '../suite-error.js';
import { loadStudiedModel } from './load-studied-model.js';
import { readSuiteImages } from './read-suite-images.js';

/** The data the CNN experiments measure on, with how results name it. */
export interface CnnData {
  /**
   * Which data the experiments measure on, as results show it: `MNIST digits (28×28×1, 10 classes, …)` or
   * `your images: DIR, 5 classes, 400 images (320 train, 80 test), preprocessing: …`.
   */
  readonly dataLabel: string;
  /** `mnist` for the digits, `images` for the user's folder (the MNIST-only baselines and controls need `mnist`). */
  readonly data: 'mnist' | 'images';
  /** Class names in output order (the i-th class folder is the model's output i). */
  readonly classNames: readonly string[];
  /** The model's input `[height, width, channels]`, which every image of `train` and `test` has. */
  readonly imageShape: readonly [number, number, number];
  readonly train: Dataset;
  readonly test: Dataset;
}

/** The model under study with the data the CNN experiments use. */
export interface CnnSetup extends CnnData {
  readonly adapter: ImageModel;
  /** `reference MNIST CNN (test accuracy 98.9%)` (the cached model's measured accuracy) or the user's file. */
  readonly modelLabel: string;
  /** Conv layers in order (the first is the "first layer" of the thread). */
  readonly convLayers: readonly LayerInfo[];
}

/** The reference CNN is always trained with seed 0, so one cached model serves every run. */
const REFERENCE_SEED = 0;
const setups = new Map<string, Promise<CnnSetup>>();

/** A Conv2D layer of a LayersModel, or a Conv2D node (plain or fused with its bias and activation) of a graph. */
export function isConvLayer(layer: LayerInfo): boolean {
  return /^_?(Fused)?Conv2D$/i.test(layer.className) && layer.outputShape.length === 4;
}

type SetupContext = Pick<ExperimentContext, 'modelPath' | 'images' | 'cacheDir' | 'progress'>;

async function studiedModel(ctx: SetupContext): Promise<{ adapter: ImageModel; modelLabel: string }> {
  if (ctx.modelPath !== undefined) return loadStudiedModel(ctx.modelPath);
  const reference = await loadReferenceCnn({
    cacheDir: ctx.cacheDir,
    seed: REFERENCE_SEED,
    onEpoch: (epoch) => ctx.progress(epoch, 10, 'training the reference CNN'),
  });
  const accuracy = (100 * reference.meta.testAccuracy).toFixed(1);
  return {
    adapter: new ModelAdapter(reference.model),
    modelLabel: `reference MNIST CNN (test accuracy ${accuracy}%)`,
  };
}

/**
 * MNIST digits as the CNN experiments' data (loadMnist's seed-0 split: 8,000 train, 2,000 test, pixels v/255).
 * @example const { test, dataLabel } = mnistData();
 */
export function mnistData(): CnnData {
  const { train, test } = loadMnist({ seed: REFERENCE_SEED });
  return {
    dataLabel: `MNIST digits (28×28×1, 10 classes, ${train.shape[0]} train and ${test.shape[0]} test images, pixels v/255)`,
    data: 'mnist',
    classNames: train.classNames,
    imageShape: [28, 28, 1],
    train,
    test,
  };
}

async function build(ctx: SetupContext): Promise<CnnSetup> {
  // 1. The model: a reference CNN without --model; --images need the user's own model.
  if (ctx.images !== undefined && ctx.modelPath === undefined)
    throw new SuiteError('invalid-argument', MESSAGES.imagesNeedModel(ctx.images.dir));
  const { adapter, modelLabel } = await studiedModel(ctx);
  const imageShape = [...adapter.inputShape] as [number, number, number];
  const [h, w, c] = imageShape;
  const convLayers = adapter.layers().filter(isConvLayer);
  if (convLayers.length === 0)
    throw new SuiteError('invalid-argument', MESSAGES.noConvLayer(modelLabel, adapter.layerNames()));
  // 2. The data: MNIST digits (the model must take 28×28×1), or the user's folder at the model's input size.
  if (ctx.images === undefined) {
    if (h !== 28 || w !== 28 || c !== 1)
      throw new SuiteError('invalid-argument', MESSAGES.modelNotMnist(modelLabel, imageShape));
    return { adapter, modelLabel, convLayers, ...mnistData() };
  }
  const images = await readSuiteImages(ctx.images, adapter, modelLabel);
  return { adapter, modelLabel, data: 'images', imageShape, convLayers, ...images };
}

/**
 * Load (once per process, model and data) the model and data for the CNN experiments. Without `ctx.modelPath` the
 * reference MNIST CNN (trained and cached on first use); with it the user's `model.json` (LayersModel or GraphModel).
 * Without `ctx.images` MNIST digits (the model must take 28×28×1 images); with them the user's folder (see
 * `readSuiteImages`), split 80/20 (seed 0: the same split every run). Rejects with a `SuiteError` (or the loaders' `ModelIoError` /
 * `DatasetError`, which name the file) for a model or folder the experiments cannot use.
 * @example const { adapter, train, test, dataLabel } = await cnnSetup(ctx);
 */
export function cnnSetup(ctx: SetupContext): Promise<CnnSetup> {
  const images = ctx.images === undefined ? 'mnist' : JSON.stringify(ctx.images);
  const key = `${ctx.cacheDir}|${ctx.modelPath ?? 'reference'}|${images}`;
  let setup = setups.get(key);
  if (setup === undefined) {
    setup = build(ctx);
    setups.set(key, setup);
    setup.catch(() => setups.delete(key));
  }
  return setup;
}
