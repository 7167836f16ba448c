/**
 * Input × gradient (Shrikumar et al. 2016, "Not just a black box"): x ⊙ ∂f_t(x)/∂x, the first-order Taylor term of
 * the target at a zero reference. On a linear model it is exactly w ⊙ x, the contribution of each input to the logit.
 */
import * as tf from '@tensorflow/tfjs-core';
import { inputGradients } from '../core/input-gradients.js';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import { prepare, tiledOwners, type ModelLike } from '../core/prepare.js';

/** Options of {@link inputXGradient}: only the common ones. */
export type InputXGradientOptions = Record<never, never>;

/**
 * x ⊙ ∂f_t/∂x for every input, with its target.
 * @example const { attributions } = inputXGradient.attribute(model, digits, { targets: [3, 7] });
 */
export const inputXGradient: AttributionMethod<InputXGradientOptions> = {
  name: 'input-x-gradient',
  info: {
    description: 'Input times the gradient of the target, x ⊙ ∂f_t/∂x (Shrikumar et al. 2016).',
    family: 'gradient',
    multipliesByInputs: true,
    hasConvergenceDelta: false,
    needsBaseline: false,
    needsLayer: false,
    stochastic: false,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & InputXGradientOptions) {
    const { adapter, n, targets, batchSize } = prepare('input-x-gradient', model, inputs, options);
    const { gradients, values } = inputGradients(adapter, inputs, tiledOwners(n, 1), targets, { batchSize });
    const attributions = tf.mul(inputs, gradients);
    [gradients, values].forEach((t) => t.dispose());
    return { attributions };
  },
};
