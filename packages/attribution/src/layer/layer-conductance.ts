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
import type { ModelLike } from '../core/prepare.js';
import { quadrature } from '../core/quadrature.js';
import {
  convergenceDelta,
  visitPath,
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
    const prepared = preparePath(fn, model, inputs, options);
    const { adapter, targets, batchSize, steps, rule } = prepared;
    const { alphas } = quadrature(rule, steps + 1, fn);
    const baseline = pathBaseline(fn, inputs, options);
    // 2. Block by block of nodes: step differences of A times the gradient at each step's left node, summed; the
    // block's last node (A and ∂f/∂A) is carried to the next block.
    const acc: { total?: tf.Tensor; a?: tf.Tensor; g?: tf.Tensor } = {};
    visitPath(prepared, inputs, baseline, alphas, (_first, acts, grads) => {
      const next = tf.tidy(() => {
        const a = acc.a === undefined ? acts : tf.concat([tf.expandDims(acc.a, 0), acts]);
        const g = acc.g === undefined ? grads : tf.concat([tf.expandDims(acc.g, 0), grads]);
        const k = a.shape[0]! - 1;
        const rest = a.shape.slice(1).map(() => 0);
        const part =
          k === 0
            ? tf.zerosLike(tf.squeeze(a, [0]))
            : tf.sum(
                tf.mul(
                  tf.sub(tf.slice(a, [1, ...rest]), tf.slice(a, [0, ...rest], [k])),
                  tf.slice(g, [0, ...rest], [k]),
                ),
                0,
              );
        const last = (t: tf.Tensor) => tf.squeeze(tf.slice(t, [k, ...rest], [1]), [0]);
        return { total: acc.total === undefined ? part : tf.add(acc.total, part), a: last(a), g: last(g) };
      });
      [acc.total, acc.a, acc.g].forEach((t) => t?.dispose());
      Object.assign(acc, next);
    });
    [acc.a!, acc.g!].forEach((t) => t.dispose());
    const attributions = acc.total!;
    const delta = convergenceDelta(adapter, inputs, baseline, targets, batchSize, attributions);
    baseline.dispose();
    return { attributions, delta };
  },
};
