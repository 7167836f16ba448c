/**
 * Layer conductance (Dhamdhere et al. 2018, "How Important Is a Neuron?"; Captum's `LayerConductance`): the flow of
 * integrated gradients through each unit j of a layer, Cond_j = ∫₀¹ ∂f_t/∂A_j · dA_j/dα dα along the input path
 * x(α) = x0 + α (x − x0). As Captum computes it, with the nodes α_0 < … < α_steps of `quadrature(rule, steps + 1)`
 * (weights unused):
 *
 *   Cond_j ≈ Σ_{k=0}^{steps−1} (A_j(x(α_{k+1})) − A_j(x(α_k))) · ∂f_t/∂A_j (x(α_k)),
 *
 * a left Riemann–Stieltjes sum. `delta` = Σ_j Cond_j − (f(x) − f(x0)) per input (Captum's convergence delta); it
 * tends to 0 as steps grow (with Gauss–Legendre nodes the sum runs from α_0 > 0 to α_steps < 1, as in Captum).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import { tiledOwners, type ModelLike } from '../core/prepare.js';
import { quadrature } from '../core/quadrature.js';
import { layerGradients } from './layer-gradients.js';
import {
  convergenceDelta,
  interpolate,
  pathBaseline,
  preparePath,
  type LayerPathOptions,
} from './layer-path.js';

/** Options of {@link layerConductance}. */
export type LayerConductanceOptions = LayerPathOptions;

/**
 * @example const { attributions, delta } = layerConductance.attribute(model, digits, { targets: 3, layer: 'conv2' });
 */
export const layerConductance: AttributionMethod<LayerConductanceOptions> = {
  name: 'layer-conductance',
  info: {
    description:
      'Σ_k ∂f_t/∂A(x(α_k)) ⊙ (A(x(α_{k+1})) − A(x(α_k))) along the input path (Dhamdhere et al. 2018; Captum LayerConductance).',
    family: 'layer',
    multipliesByInputs: true,
    hasConvergenceDelta: true,
    needsBaseline: true,
    needsLayer: true,
    stochastic: false,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & LayerConductanceOptions) {
    const fn = 'layer-conductance';
    // 1. Check everything; steps + 1 nodes of the rule (Captum's `alphas_func(n_steps + 1)`).
    const { adapter, n, targets, batchSize, layer, steps, rule } = preparePath(fn, model, inputs, options);
    const { alphas } = quadrature(rule, steps + 1, fn);
    const baseline = pathBaseline(fn, inputs, options);
    // 2. A and ∂f/∂A at every node.
    const path = interpolate(inputs, baseline, alphas);
    const lg = layerGradients(adapter, path, tiledOwners(n, steps + 1), targets, layer, batchSize);
    path.dispose();
    lg.values.dispose();
    // 3. Step differences of A times the gradient at the step's left node, summed over steps.
    const attributions = tf.tidy(() => {
      const shape = lg.activations.shape.slice(1);
      const a = tf.reshape(lg.activations, [steps + 1, n, ...shape]);
      const g = tf.reshape(lg.gradients, [steps + 1, n, ...shape]);
      const rest = shape.map(() => 0);
      const diffs = tf.sub(tf.slice(a, [1, 0, ...rest]), tf.slice(a, [0, 0, ...rest], [steps, -1]));
      return tf.sum(tf.mul(diffs, tf.slice(g, [0, 0, ...rest], [steps, -1])), 0);
    });
    [lg.activations, lg.gradients].forEach((t) => t.dispose());
    const delta = convergenceDelta(adapter, inputs, baseline, targets, batchSize, attributions);
    baseline.dispose();
    return { attributions, delta };
  },
};
