/**
 * Neuron gradient (Captum's `NeuronGradient`): the gradient of a unit inside the net with respect to the input,
 * ∂u(x)/∂x, where the unit is a target `{ layer, channel, y, x }` (one neuron) or `{ layer, channel }` (the channel's
 * mean over positions; Captum's `neuron_selector` picks one index or applies a callable). Saliency with a unit
 * target; a class-index target is refused, since that is saliency.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { inputGradients } from '../core/input-gradients.js';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import { prepare, tiledOwners, type ModelLike } from '../core/prepare.js';
import type { Target } from '../core/target.js';
import { MESSAGES } from '../messages.js';

/** Options of {@link neuronGradient}: the common ones, with unit targets. */
export type NeuronGradientOptions = object;

/**
 * Throws `needsUnitTarget` when any target is a class index.
 * @example checkUnitTargets('neuron-gradient', options.targets);
 */
export function checkUnitTargets(fn: string, targets: Target | readonly Target[]): void {
  const list: readonly unknown[] = Array.isArray(targets) ? targets : [targets];
  if (list.some((t) => typeof t === 'number')) throw new Error(MESSAGES.needsUnitTarget(fn, fn));
}

/**
 * @example const { attributions } = neuronGradient.attribute(model, digits, { targets: { layer: 'conv2', channel: 5, y: 3, x: 4 } });
 */
export const neuronGradient: AttributionMethod<NeuronGradientOptions> = {
  name: 'neuron-gradient',
  info: {
    description:
      'Gradient of a unit inside the net with respect to the input, ∂u/∂x (Captum NeuronGradient).',
    family: 'layer',
    multipliesByInputs: false,
    hasConvergenceDelta: false,
    needsBaseline: false,
    needsLayer: false,
    stochastic: false,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & NeuronGradientOptions) {
    const fn = 'neuron-gradient';
    checkUnitTargets(fn, options.targets);
    const { adapter, n, targets, batchSize } = prepare(fn, model, inputs, options);
    const { gradients, values } = inputGradients(adapter, inputs, tiledOwners(n, 1), targets, { batchSize });
    values.dispose();
    return { attributions: gradients };
  },
};
