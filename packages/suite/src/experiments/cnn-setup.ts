/** Shared set-up of the CNN experiments: the model (reference CNN or a user's file) and MNIST, loaded once a process. */
import { loadMnist, type Dataset } from '@openbox/datasets';
import { ModelAdapter, type ImageModel, loadReferenceCnn, type LayerInfo } from '@openbox/cnn-vis';
import { loadModel } from '@openbox/runtime';
import type { ExperimentContext } from '../experiment.js';

/** The model under study with the data the CNN experiments use. */
export interface CnnSetup {
  readonly adapter: ImageModel;
  /** `reference MNIST CNN (test accuracy 98.9%)` (the cached model's measured accuracy) or the user's file. */
  readonly modelLabel: string;
  readonly train: Dataset;
  readonly test: Dataset;
  /** Conv layers in order (the first is the "first layer" of the thread). */
  readonly convLayers: readonly LayerInfo[];
}

/** The reference CNN is always trained with seed 0, so one cached model serves every run. */
const REFERENCE_SEED = 0;
const setups = new Map<string, Promise<CnnSetup>>();

async function build(ctx: ExperimentContext): Promise<CnnSetup> {
  const { train, test } = loadMnist({ seed: REFERENCE_SEED });
  let modelLabel: string;
  let adapter: ImageModel;
  if (ctx.modelPath === undefined) {
    const reference = await loadReferenceCnn({
      cacheDir: ctx.cacheDir,
      seed: REFERENCE_SEED,
      onEpoch: (epoch) => ctx.progress(epoch, 10, 'training the reference CNN'),
    });
    adapter = new ModelAdapter(reference.model);
    modelLabel = `reference MNIST CNN (test accuracy ${(100 * reference.meta.testAccuracy).toFixed(1)}%)`;
  } else {
    adapter = new ModelAdapter(await loadModel(ctx.modelPath));
    modelLabel = ctx.modelPath;
  }
  const [h, w, c] = adapter.inputShape;
  if (h !== 28 || w !== 28 || c !== 1) {
    throw new Error(
      `the CNN experiments use MNIST digits (28×28×1), but the model takes ${h}×${w}×${c} images.`,
    );
  }
  const convLayers = adapter.layers().filter((layer) => layer.className === 'Conv2D');
  if (convLayers.length === 0)
    throw new Error(`the model has no Conv2D layer; its layers are ${adapter.layerNames().join(', ')}.`);
  return { adapter, modelLabel, train, test, convLayers };
}

/** Load (once per process and model) the model and data for the CNN experiments. */
export function cnnSetup(ctx: ExperimentContext): Promise<CnnSetup> {
  const key = `${ctx.cacheDir}|${ctx.modelPath ?? 'reference'}`;
  let setup = setups.get(key);
  if (setup === undefined) {
    setup = build(ctx);
    setups.set(key, setup);
    setup.catch(() => setups.delete(key));
  }
  return setup;
}
