/**
 * Layer gradient × activation (Captum's `LayerGradientXActivation`, the layer version of input × gradient, Shrikumar
 * et al. 2016): A ⊙ ∂f_t/∂A for a named layer's activations A, with the layer's shape. Like Captum with
 * `multiply_by_inputs=True` (its default); `multiplyByActivations: false` returns the layer gradient ∂f_t/∂A alone
 * (Captum's `LayerGradientXActivation(multiply_by_inputs=False)`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import { prepare, tiledOwners, type ModelLike } from '../core/prepare.js';
import { checkLayer, layerGradients, type LayerOptions } from './layer-gradients.js';

/** Options of {@link layerGradientXActivation}. */
export interface LayerGradientXActivationOptions extends LayerOptions {
  /** Multiply the layer gradient by the activations. Default true. */
  readonly multiplyByActivations?: boolean;
}

/**
 * @example const { attributions } = layerGradientXActivation.attribute(model, digits, { targets: 3, layer: 'conv2' });
 */
export const layerGradientXActivation: AttributionMethod<LayerGradientXActivationOptions> = {
  name: 'layer-gradient-x-activation',
  info: {
    description: 'A ⊙ ∂f_t/∂A for the activations A of a named layer (Captum LayerGradientXActivation).',
    family: 'layer',
    multipliesByInputs: true,
    hasConvergenceDelta: false,
    needsBaseline: false,
    needsLayer: true,
    stochastic: false,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & LayerGradientXActivationOptions) {
    const fn = 'layer-gradient-x-activation';
    const { adapter, n, targets, batchSize } = prepare(fn, model, inputs, options);
    const layer = checkLayer(fn, adapter, options.layer, targets);
    const multiply = options.multiplyByActivations ?? true;
    const { activations, gradients, values } = layerGradients(
      adapter,
      inputs,
      tiledOwners(n, 1),
      targets,
      layer,
      batchSize,
    );
    values.dispose();
    if (!multiply) {
      activations.dispose();
      return { attributions: gradients };
    }
    const attributions = tf.mul(activations, gradients);
    [activations, gradients].forEach((t) => t.dispose());
    return { attributions };
  },
};
