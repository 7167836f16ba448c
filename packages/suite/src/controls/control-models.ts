/** `controlModels`: the model-randomization controls of the model under study, built once per process, model and seed. */
import { requireLayersModel } from '@openbox/runtime';
import type * as tfl from '@tensorflow/tfjs-layers';
import { ModelAdapter, type ImageModel } from '@openbox/cnn-vis';
import { createRng, reinitializedCopy } from '@openbox/runtime';
import type { ExperimentContext } from '../experiment.js';

/** How many re-initialized copies every CNN experiment compares against (Adebayo et al. use several seeds). */
export const CONTROL_COUNT = 3;

/** One control network: the architecture under study with every layer redrawn from its initializer. */
export interface ControlModel {
  /** `re-initialized (seed N)`, as verdicts and charts name it. */
  readonly label: string;
  /** The seed `reinitializedCopy` drew it with. */
  readonly seed: number;
  readonly adapter: ModelAdapter;
}

/**
 * The seeds of the controls of a run: `CONTROL_COUNT` successive `tfSeed()`s of
 * `createRng(runSeed).fork('model-randomization')`, so each run seed has its own controls and the same seed the same.
 */
export function controlSeeds(runSeed: number): number[] {
  const rng = createRng(runSeed).fork('model-randomization');
  return Array.from({ length: CONTROL_COUNT }, () => rng.tfSeed());
}

/** The copies for one run seed; if one cannot be built, those already built are disposed. */
function build(model: tfl.LayersModel, runSeed: number): ControlModel[] {
  const built: ControlModel[] = [];
  try {
    for (const seed of controlSeeds(runSeed))
      built.push({
        label: `re-initialized (seed ${seed})`,
        seed,
        adapter: new ModelAdapter(reinitializedCopy(model, { seed })),
      });
    return built;
  } catch (error) {
    for (const control of built) requireLayersModel(control.adapter, 'control-models').dispose();
    throw error;
  }
}

const cache = new WeakMap<tfl.LayersModel, Map<number, Promise<readonly ControlModel[]>>>();

/**
 * {@link CONTROL_COUNT} fully re-initialized copies (`reinitializedCopy` of `@openbox/runtime`) of the model under
 * study — the reference CNN or a user's `--model`, whose own architecture and initializer configs are redrawn — with
 * seeds from {@link controlSeeds}(ctx.seed). Built once per process, model and run seed, like `cnnSetup`, and kept for
 * the process (the copies are small and every CNN experiment uses them). A model with an initializer OpenBox cannot
 * draw rejects with `reinitializedCopy`'s `ModelRandomizationError` (and is not cached, so a later call tries again).
 * @example const controls = await controlModels(ctx, adapter); controls.map((c) => requireLayersModel(c.adapter, 'control-models'))
 */
export function controlModels(
  ctx: Pick<ExperimentContext, 'seed'>,
  adapter: ImageModel,
): Promise<readonly ControlModel[]> {
  let bySeed = cache.get(requireLayersModel(adapter, 'control-models'));
  if (bySeed === undefined) cache.set(requireLayersModel(adapter, 'control-models'), (bySeed = new Map()));
  let controls = bySeed.get(ctx.seed);
  if (controls === undefined) {
    controls = new Promise<readonly ControlModel[]>((resolve) =>
      resolve(build(requireLayersModel(adapter, 'control-models'), ctx.seed)),
    );
    bySeed.set(ctx.seed, controls);
    const forget = bySeed;
    controls.catch(() => forget.delete(ctx.seed));
  }
  return controls;
}
