/** `cascadingRandomization`: Adebayo et al.'s cascade, layers redrawn one more at a time from the output down. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { RANDOMIZATION_MESSAGES as M } from './messages.js';
import { ModelRandomizationError } from './model-randomization-error.js';
import { buildCopy, layersWithWeights, planReinitialization } from './reinitialized-copy.js';

/** Options of {@link cascadingRandomization}. */
export interface CascadingRandomizationOptions {
  /** Seed of every redrawn weight, as in `reinitializedCopy` (a layer gets the same weights in every entry). */
  readonly seed: number;
}

/** One step of the cascade: `layer` is the layer this step adds; `model` has it and every layer above redrawn. */
export interface CascadeStep {
  readonly layer: string;
  readonly model: tfl.LayersModel;
}

/**
 * The cascading model-randomization control (Adebayo et al. 2018, §3.1): the layers with weights from the top
 * (output) down; entry k is `reinitializedCopy(model, { seed, layers: top k })`, so the last entry is fully
 * re-initialized. Each entry is a fresh copy that the caller disposes (`model` is never changed). Every layer is
 * checked before any copy is built; if building one fails, those already built are disposed.
 * @example for (const { layer, model: m } of cascadingRandomization(trained, { seed: 1 })) { …; m.dispose(); }
 */
export function cascadingRandomization(
  model: tfl.LayersModel,
  options: CascadingRandomizationOptions,
): CascadeStep[] {
  const fn = 'cascadingRandomization';
  const topDown = layersWithWeights(model).reverse();
  if (topDown.length === 0) throw new ModelRandomizationError('invalid-argument', M.noWeightedLayers(fn));
  const plans = planReinitialization(model, { seed: options.seed, layers: topDown }, fn);
  const steps: CascadeStep[] = [];
  try {
    for (let k = 1; k <= topDown.length; k++) {
      const top = new Map(topDown.slice(0, k).map((name) => [name, plans.get(name)!]));
      steps.push({ layer: topDown[k - 1]!, model: buildCopy(model, top, options.seed) });
    }
    return steps;
  } catch (error) {
    for (const step of steps) step.model.dispose();
    throw error;
  }
}
