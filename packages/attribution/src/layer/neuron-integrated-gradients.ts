/**
 * Neuron integrated gradients (Captum's `NeuronIntegratedGradients`): integrated gradients (Sundararajan et al. 2017)
 * of a unit u inside the net, (x − x0) ⊙ ∫₀¹ ∂u(x0 + α(x − x0))/∂x dα, with a unit target `{ layer, channel, y?, x? }`
 * and every option of `integratedGradients` (baseline, steps, rule). A wrapper: a class-index target is refused.
 * Deliberate difference from Captum: the convergence delta Σ − (u(x) − u(x0)) is returned (Captum's neuron version
 * returns none).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import type { ModelLike } from '../core/prepare.js';
import {
  integrate,
  integratedGradients,
  type IntegratedGradientsOptions,
} from '../gradient/integrated-gradients.js';
import { checkUnitTargets } from './neuron-gradient.js';

/** Options of {@link neuronIntegratedGradients}: those of integrated gradients. */
export type NeuronIntegratedGradientsOptions = IntegratedGradientsOptions;

/**
 * @example const { attributions, delta } = neuronIntegratedGradients.attribute(model, digits, { targets: { layer: 'conv2', channel: 5 } });
 */
export const neuronIntegratedGradients: AttributionMethod<NeuronIntegratedGradientsOptions> = {
  name: 'neuron-integrated-gradients',
  info: {
    ...integratedGradients.info,
    description:
      'Integrated gradients of a unit inside the net, (x − x0) ⊙ ∫ ∂u/∂x along the path (Captum NeuronIntegratedGradients).',
    family: 'layer',
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & NeuronIntegratedGradientsOptions) {
    checkUnitTargets('neuron-integrated-gradients', options.targets);
    return integrate('neuron-integrated-gradients', model, inputs, options);
  },
};
