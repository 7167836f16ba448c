/** `reinitializedCopy`: the same architecture with some layers redrawn from their own initializers (Adebayo et al. 2018). */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '../rng.js';
import { scoped } from '../scoped.js';
import { RANDOMIZATION_MESSAGES as M } from './messages.js';
import { ModelRandomizationError } from './model-randomization-error.js';
import { planLayer, type WeightPlan } from './weight-initializers.js';

/** Options of {@link reinitializedCopy}. */
export interface ReinitializedCopyOptions {
  /** Every redrawn weight comes from `createRng(seed).fork('<layer>/<weight>')`. */
  readonly seed: number;
  /**
   * Names of the layers to redraw; every other layer keeps the original's weights bit for bit. Default: every layer
   * with weights (a fully re-initialized network). `[]` gives an exact copy.
   */
  readonly layers?: readonly string[];
}

/** Names of the layers of `model` that have weights, input to output. */
export function layersWithWeights(model: tfl.LayersModel): string[] {
  return model.layers.filter((layer) => layer.weights.length > 0).map((layer) => layer.name);
}

/** 1. Checks the options; 2. plans every redrawn weight (so a bad initializer throws before a tensor exists). */
export function planReinitialization(
  model: tfl.LayersModel,
  options: ReinitializedCopyOptions,
  fn: string,
): Map<string, WeightPlan[]> {
  if (typeof options.seed !== 'number' || !Number.isFinite(options.seed))
    throw new ModelRandomizationError('invalid-argument', M.badSeed(fn, options.seed));
  const withWeights = layersWithWeights(model);
  const names = options.layers ?? withWeights;
  const plans = new Map<string, WeightPlan[]>();
  for (const name of names) {
    const layer = model.layers.find((l) => l.name === name);
    if (layer === undefined)
      throw new ModelRandomizationError('invalid-argument', M.unknownLayer(fn, name, withWeights));
    if (layer.weights.length === 0)
      throw new ModelRandomizationError('invalid-argument', M.layerWithoutWeights(fn, name, withWeights));
    plans.set(name, planLayer(layer, fn));
  }
  return plans;
}

/**
 * The architecture of `model` rebuilt from its config (`getConfig()`, the config `toJSON()` serializes, deep-copied;
 * sequential or functional), built without running tfjs's initializers (`fastWeightInit`).
 */
function rebuild(model: tfl.LayersModel): tfl.LayersModel {
  const className = model.getClassName();
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (entry === undefined)
    throw new ModelRandomizationError('invalid-argument', M.unknownModelClass(className));
  const [cls, fromConfig] = entry as unknown as [
    unknown,
    (cls: unknown, config: unknown, customObjects: object, fastWeightInit: boolean) => tfl.LayersModel,
  ];
  return fromConfig(cls, JSON.parse(JSON.stringify(model.getConfig())), {}, true);
}

/** 3. Copies or redraws every weight of `copy` from `model` and `plans`; tensors made here are freed by the scope. */
function fillWeights(
  copy: tfl.LayersModel,
  model: tfl.LayersModel,
  plans: ReadonlyMap<string, readonly WeightPlan[]>,
  seed: number,
): void {
  const root = createRng(seed);
  scoped(() => {
    for (const layer of model.layers) {
      if (layer.weights.length === 0) continue;
      const target = copy.getLayer(layer.name);
      const plan = plans.get(layer.name);
      if (plan === undefined) {
        // The original's tensors: tfjs's assign shares their (immutable) data, so the copy is exact.
        target.setWeights(layer.getWeights());
        continue;
      }
      target.setWeights(
        plan.map((p) => tf.tensor(p.sample(p.shape, root.fork(`${layer.name}/${p.weight}`)), [...p.shape])),
      );
    }
  });
}

/**
 * A new model with the architecture of `model` and its weights, except the layers named in `options.layers`
 * (default: every layer with weights), whose weights are redrawn from that layer's own initializer config
 * (`kernelInitializer`, `biasInitializer`, depthwise/pointwise, BatchNormalization's gamma, beta and moving
 * statistics, embeddings, …) as Keras defines them, from the seeded generator of `rng.ts` rather than tfjs's random
 * ops: the same seed gives the same weights on every backend, and a layer's draws do not depend on which other layers
 * are redrawn. The model-randomization control of Adebayo et al. (2018), "Sanity Checks for Saliency Maps".
 *
 * `model` is never changed. The caller disposes the copy. Everything is checked before anything is built, so an
 * initializer OpenBox cannot draw (Orthogonal, Identity, a custom one) throws a `ModelRandomizationError` naming the
 * layer and the initializer with no tensor made. A layer with a weight constraint gets it applied when its weights
 * are set, as tfjs does.
 * @example const control = reinitializedCopy(trained, { seed: 1 }); … control.dispose();
 */
export function reinitializedCopy(
  model: tfl.LayersModel,
  options: ReinitializedCopyOptions,
): tfl.LayersModel {
  const plans = planReinitialization(model, options, 'reinitializedCopy');
  return buildCopy(model, plans, options.seed);
}

/** Builds and fills a copy from checked plans, disposing it if anything fails. */
export function buildCopy(
  model: tfl.LayersModel,
  plans: ReadonlyMap<string, readonly WeightPlan[]>,
  seed: number,
): tfl.LayersModel {
  const copy = rebuild(model);
  try {
    fillWeights(copy, model, plans, seed);
    return copy;
  } catch (error) {
    copy.dispose();
    throw error;
  }
}
