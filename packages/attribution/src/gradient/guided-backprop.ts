/**
 * Guided backpropagation (Springenberg et al. 2015, "Striving for Simplicity: The All Convolutional Net"; Captum's
 * `GuidedBackprop`): the input gradient with every ReLU's backward pass keeping only positive gradients where its
 * forward input was positive, dz = relu(dy) ⊙ 1[z > 0]. Other activations (tanh, sigmoid, relu6, softmax, …) keep
 * their usual gradient, as Captum overrides `nn.ReLU` modules only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyActivation, type GraphHooks } from '@openbox/runtime';
import { inputGradients } from '../core/input-gradients.js';
import type { AttributionMethod, AttributionResult, CommonOptions } from '../core/method.js';
import { prepare, tiledOwners, type ModelLike } from '../core/prepare.js';

/** A ReLU's modified backward rule: the gradient at its input from its forward input z and output gradient dy. */
export type ReluBackwardRule = (dy: tf.Tensor, z: tf.Tensor) => tf.Tensor;

/** Hooks giving every ReLU the backward rule `rule` (forward unchanged). */
export function reluBackwardHooks(rule: ReluBackwardRule): GraphHooks {
  const relu = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [z, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([z]);
    return { value: tf.relu(z), gradFunc: (dy: tf.Tensor, [zs]: tf.Tensor[]) => rule(dy, zs!) };
  });
  return { activation: (kind, pre) => (kind === 'relu' ? relu(pre) : applyActivation(kind, pre)) };
}

/** The modified input gradient of each input's target with the ReLU rule `rule` (`fn` names the caller). */
export function reluRuleAttribute(
  fn: string,
  rule: ReluBackwardRule,
  model: ModelLike,
  inputs: tf.Tensor,
  options: CommonOptions,
): AttributionResult {
  const { adapter, n, targets, batchSize } = prepare(fn, model, inputs, options);
  const hooks = reluBackwardHooks(rule);
  const { gradients, values } = inputGradients(adapter, inputs, tiledOwners(n, 1), targets, {
    batchSize,
    hooks,
  });
  values.dispose();
  return { attributions: gradients };
}

/** Guided backpropagation's ReLU rule: relu(dy) ⊙ 1[z > 0]. */
export const guidedRule: ReluBackwardRule = (dy, z) => tf.mul(tf.relu(dy), tf.step(z));

/**
 * @example const { attributions } = guidedBackprop.attribute(model, digits, { targets: [3, 7] });
 */
export const guidedBackprop: AttributionMethod = {
  name: 'guided-backprop',
  info: {
    description: 'Input gradient with each ReLU passing back relu(dy) ⊙ 1[z > 0] (Springenberg et al. 2015).',
    family: 'gradient',
    multipliesByInputs: false,
    hasConvergenceDelta: false,
    needsBaseline: false,
    needsLayer: false,
    stochastic: false,
  },
  attribute: (model, inputs, options) =>
    reluRuleAttribute('guided-backprop', guidedRule, model, inputs, options),
};
