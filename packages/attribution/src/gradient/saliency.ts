/**
 * Saliency (Simonyan et al. 2014): the gradient of the target with respect to the input, ∂f_t(x)/∂x, signed or its
 * absolute value (Captum's `Saliency(abs=True)` default is `abs`; here `abs` defaults to false so that signed maps stay
 * comparable with input × gradient — pass `abs: true` for Captum's default).
 */
import * as tf from '@tensorflow/tfjs-core';
import { inputGradients } from '../core/input-gradients.js';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import { prepare, type ModelLike } from '../core/prepare.js';
import { tiledOwners } from '../core/prepare.js';

/** Options of {@link saliency}. */
export interface SaliencyOptions {
  /** Return |∂f/∂x|. Default false. */
  readonly abs?: boolean;
}

/**
 * @example const { attributions } = saliency.attribute(model, digits, { targets: [3, 7], abs: true });
 */
export const saliency: AttributionMethod<SaliencyOptions> = {
  name: 'saliency',
  info: {
    description: 'Gradient of the target with respect to the input, ∂f_t/∂x (Simonyan et al. 2014).',
    family: 'gradient',
    multipliesByInputs: false,
    hasConvergenceDelta: false,
    needsBaseline: false,
    needsLayer: false,
    stochastic: false,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & SaliencyOptions) {
    const { adapter, n, targets, batchSize } = prepare('saliency', model, inputs, options);
    const { gradients, values } = inputGradients(adapter, inputs, tiledOwners(n, 1), targets, { batchSize });
    values.dispose();
    if (options.abs !== true) return { attributions: gradients };
    const attributions = tf.abs(gradients);
    gradients.dispose();
    return { attributions };
  },
};
