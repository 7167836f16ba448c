/** `controlModels`: the model-randomization controls of the model under study, built once per process, model and seed. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { ModelAdapter, type ImageModel } from '@openbox/cnn-vis';
import {
  createRng,
  GraphModelAdapter,
  reinitializedCopy,
  reinitializedGraphCopy,
  requireLayersModel,
} from '@openbox/runtime';
import type { ExperimentContext } from '../experiment.js';

/** How many re-initialized copies every CNN experiment compares against (Adebayo et al. use several seeds). */
export const CONTROL_COUNT = 3;

/** One control network: the architecture under study with every layer redrawn from its initializer. */
export interface ControlModel {
  /** `re-initialized (seed N)`, as verdicts and charts name it. */
  readonly label: string;
  /** The seed `reinitializedCopy` (or `reinitializedGraphCopy`) drew it with. */
  readonly seed: number;
  /** A `ModelAdapter` for a LayersModel under study, a `GraphModelAdapter` for a graph model. */
  readonly adapter: ImageModel;
}

/**
 * The seeds of the controls of a run: `CONTROL_COUNT` successive `tfSeed()`s of
 * `createRng(runSeed).fork('model-randomization')`, so each run seed has its own controls and the same seed the same.
 */
export function controlSeeds(runSeed: number): number[] {
  const rng = createRng(runSeed).fork('model-randomization');
  return Array.from({ length: CONTROL_COUNT }, () => rng.tfSeed());
}

/** One re-initialized copy: the LayersModel's own initializers, or Glorot-uniform filters for a graph model. */
function copyOf(adapter: ImageModel, seed: number): ImageModel {
  if (adapter instanceof GraphModelAdapter) return reinitializedGraphCopy(adapter, { seed });
  return new ModelAdapter(reinitializedCopy(requireLayersModel(adapter, 'control-models'), { seed }));
}

/** Frees a copy's weights (a LayersModel or a GraphModel). */
function disposeControl(control: ControlModel): void {
  if (control.adapter instanceof GraphModelAdapter) control.adapter.model.dispose();
  else requireLayersModel(control.adapter, 'control-models').dispose();
}

/** The copies for one run seed; if one cannot be built, those already built are disposed. */
function build(adapter: ImageModel, runSeed: number): ControlModel[] {
  const built: ControlModel[] = [];
  try {
    for (const seed of controlSeeds(runSeed))
      built.push({ label: `re-initialized (seed ${seed})`, seed, adapter: copyOf(adapter, seed) });
    return built;
  } catch (error) {
    built.forEach(disposeControl);
    throw error;
  }
}

/** The object the weights belong to: the LayersModel or the GraphModel (the cache key). */
const modelOf = (adapter: ImageModel): object =>
  adapter instanceof GraphModelAdapter ? adapter.model : requireLayersModel(adapter, 'control-models');

const cache = new WeakMap<object, Map<number, Promise<readonly ControlModel[]>>>();

/**
 * {@link CONTROL_COUNT} fully re-initialized copies (`reinitializedCopy` of `@openbox/runtime`) of the model under
 * study — the reference CNN or a user's `--model`, whose own architecture and initializer configs are redrawn; for a
 * graph model `reinitializedGraphCopy` (conv/matmul filters Glorot-uniform, biases zeroed, BN constants kept) — with
 * seeds from {@link controlSeeds}(ctx.seed). Built once per process, model and run seed, like `cnnSetup`, and kept for
 * the process (the copies are small and every CNN experiment uses them). A model with an initializer OpenBox cannot
 * draw rejects with `reinitializedCopy`'s `ModelRandomizationError` (and is not cached, so a later call tries again).
 * @example const controls = await controlModels(ctx, adapter); controls.map((c) => c.adapter.logits(images))
 */
export function controlModels(
  ctx: Pick<ExperimentContext, 'seed'>,
  adapter: ImageModel,
): Promise<readonly ControlModel[]> {
  const key = modelOf(adapter);
  let bySeed = cache.get(key);
  if (bySeed === undefined) cache.set(key, (bySeed = new Map()));
  let controls = bySeed.get(ctx.seed);
  if (controls === undefined) {
    controls = new Promise<readonly ControlModel[]>((resolve) => resolve(build(adapter, ctx.seed)));
    bySeed.set(ctx.seed, controls);
    const forget = bySeed;
    controls.catch(() => forget.delete(ctx.seed));
  }
  return controls;
}
