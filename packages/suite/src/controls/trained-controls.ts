/** `trainedControl`: the networks trained for the verdicts to beat — an independent judge and two trained nulls. */
import {
  ModelAdapter,
  type ImageModel,
  loadReferenceCnn,
  type CnnRecipe,
  type ReferenceCnnMeta,
} from '@openbox/cnn-vis';
import type { ExperimentContext } from '../experiment.js';

/**
 * The trained controls, each a recipe and seed of `loadReferenceCnn` (the reference is `standard`, seed 0):
 * - `judge`: the reference recipe with seed 1 — other weights, other batch order and another train/test split of the
 *   10,000 MNIST digits — an independently trained classifier that judges images the model under study produced
 *   (a net judging its own optima is circular: untrained nets pass that test).
 * - `shuffled-labels`: the reference architecture and digits with the labels permuted once (Adebayo et al. 2018's
 *   data-randomization control), 3 epochs. Unlike Adebayo et al.'s, it does not memorize its random labels: with the
 *   recipe's random shifts no affordable budget gets its training accuracy far above chance, so it is a net whose
 *   weights moved under training without any image–label relation to learn, not a memorizer.
 * - `frozen-first-layer`: the reference recipe with conv1 never trained (left at its seed-0 initialization) while the
 *   rest learns — 10 epochs; whatever its first layer shows was not learned.
 * Control nets are the reference architecture trained on MNIST; for a user's `--model` they are the same nets (the
 * judge judges MNIST images whatever made them; retraining a user's architecture is not attempted).
 */
export const TRAINED_CONTROLS = {
  judge: { recipe: 'standard', seed: 1, epochs: 10, label: 'independent judge CNN (seed 1, own split)' },
  'shuffled-labels': { recipe: 'shuffled-labels', seed: 0, epochs: 3, label: 'trained on shuffled labels' },
  'frozen-first-layer': {
    recipe: 'frozen-first-layer',
    seed: 0,
    epochs: 10,
    label: 'first layer frozen at its initialization',
  },
} as const satisfies Record<string, { recipe: CnnRecipe; seed: number; epochs: number; label: string }>;
export type TrainedControlName = keyof typeof TRAINED_CONTROLS;

/** A trained control, ready to use. */
export interface TrainedControl {
  readonly name: TrainedControlName;
  /** As verdicts and charts name it. */
  readonly label: string;
  readonly adapter: ModelAdapter;
  /** Its `meta.json` (test accuracy, seed, epochs, recipe). */
  readonly meta: ReferenceCnnMeta;
}

const loaded = new Map<string, Promise<TrainedControl>>();

/**
 * The trained control `name` ({@link TRAINED_CONTROLS}), loaded from `<ctx.cacheDir>/models/mnist-cnn-<recipe>-
 * seed<seed>/` or trained there on first use (about 75 s each on 2 cores) with `loadReferenceCnn`'s checks (size,
 * SHA-256, finite weights, re-measured accuracy inside the recipe's band); once per process and cache folder.
 * @example const judge = await trainedControl(ctx, 'judge'); judge.adapter.predictClasses(images)
 */
export function trainedControl(
  ctx: Pick<ExperimentContext, 'cacheDir' | 'progress'>,
  name: TrainedControlName,
): Promise<TrainedControl> {
  const key = `${ctx.cacheDir}|${name}`;
  let control = loaded.get(key);
  if (control === undefined) {
    const spec = TRAINED_CONTROLS[name];
    control = loadReferenceCnn({
      cacheDir: ctx.cacheDir,
      recipe: spec.recipe,
      seed: spec.seed,
      epochs: spec.epochs,
      onEpoch: (epoch) => ctx.progress(epoch, spec.epochs, `training the control: ${spec.label}`),
    }).then(({ model, meta }) => ({ name, label: spec.label, adapter: new ModelAdapter(model), meta }));
    loaded.set(key, control);
    control.catch(() => loaded.delete(key));
  }
  return control;
}
