/**
 * Layer integrated gradients (Captum's `LayerIntegratedGradients`; Sundararajan et al. 2017 applied to a hidden
 * layer): the path runs in input space, x(α) = x0 + α (x − x0), and the gradient is taken with respect to the layer's
 * activations A at every point of it:
 *
 *   LIG_j = (A_j(x) − A_j(x0)) · ∫₀¹ ∂f_t/∂A_j (x(α)) dα ≈ (A_j(x) − A_j(x0)) · Σ_k w_k ∂f_t/∂A_j (x(α_k)),
 *
 * with the nodes and weights of `quadrature(rule, steps)`. `delta` = Σ_j LIG_j − (f(x) − f(x0)) per input. It is 0
 * up to quadrature error when A is linear along the path (e.g. the input's flatten layer); in general the path in
 * layer space is not straight, and the delta measures that too (as in Captum).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import type { ModelLike } from '../core/prepare.js';
import { quadrature } from '../core/quadrature.js';
import { layerActivations } from './layer-gradients.js';
import {
  convergenceDelta,
  pathBaseline,
  preparePath,
  visitPath,
  type LayerPathOptions,
} from './layer-path.js';

/** Options of {@link layerIntegratedGradients}. */
export type LayerIntegratedGradientsOptions = LayerPathOptions;

/**
 * @example const { attributions, delta } = layerIntegratedGradients.attribute(model, digits, { targets: 3, layer: 'conv2' });
 */
export const layerIntegratedGradients: AttributionMethod<LayerIntegratedGradientsOptions> = {
  name: 'layer-integrated-gradients',
  info: {
    description:
      '(A(x) − A(x0)) ⊙ ∫ ∂f_t/∂A along the input path x0 + α(x − x0) (Captum LayerIntegratedGradients; Sundararajan et al. 2017).',
    family: 'layer',
    multipliesByInputs: true,
    hasConvergenceDelta: true,
    needsBaseline: true,
    needsLayer: true,
    stochastic: false,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & LayerIntegratedGradientsOptions) {
    const fn = 'layer-integrated-gradients';
    // 1. Check everything, then the baseline and the rule's nodes.
    const prepared = preparePath(fn, model, inputs, options);
    const { adapter, n, targets, batchSize, layer, steps, rule } = prepared;
    const { alphas, weights } = quadrature(rule, steps, fn);
    const baseline = pathBaseline(fn, inputs, options);
    // 2. Σ_k w_k ∂f/∂A at the nodes of the input path, block by block of nodes.
    const sum: { total?: tf.Tensor } = {};
    visitPath(prepared, inputs, baseline, alphas, (first, _acts, grads) => {
      const k = grads.shape[0]!;
      const next = tf.tidy(() => {
        const w = Float32Array.from(weights.subarray(first, first + k));
        const part = tf.sum(tf.mul(grads, tf.tensor(w, [k, ...grads.shape.slice(1).map(() => 1)])), 0);
        return sum.total === undefined ? part : tf.add(sum.total, part);
      });
      sum.total?.dispose();
      sum.total = next;
    });
    const integrated = sum.total!;
    // 3. Times the change of the layer between the endpoints; the delta against f(x) − f(x0).
    const ends = tf.tidy(() => layerActivations(adapter, tf.concat([inputs, baseline]), layer, batchSize));
    const attributions = tf.tidy(() => {
      const [ax, ab] = tf.split(ends, 2);
      return tf.mul(integrated, tf.sub(ax!, ab!));
    });
    [ends, integrated].forEach((t) => t.dispose());
    const delta = convergenceDelta(adapter, inputs, baseline, targets, batchSize, attributions);
    baseline.dispose();
    return { attributions, delta };
  },
};
