/**
 * Deconvolution (Zeiler & Fergus 2014, "Visualizing and Understanding Convolutional Networks"; Captum's
 * `Deconvolution`): the input gradient with every ReLU passing back relu(dy), ignoring the sign of its forward
 * input. Other activations keep their usual gradient, as Captum overrides `nn.ReLU` modules only.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AttributionMethod } from '../core/method.js';
import { reluRuleAttribute, type ReluBackwardRule } from './guided-backprop.js';

/** Deconvolution's ReLU rule: relu(dy). */
export const deconvRule: ReluBackwardRule = (dy) => tf.relu(dy);

/**
 * @example const { attributions } = deconvolution.attribute(model, digits, { targets: 3 });
 */
export const deconvolution: AttributionMethod = {
  name: 'deconvolution',
  info: {
    description: 'Input gradient with each ReLU passing back relu(dy) (Zeiler & Fergus 2014).',
    family: 'gradient',
    multipliesByInputs: false,
    hasConvergenceDelta: false,
    needsBaseline: false,
    needsLayer: false,
    stochastic: false,
  },
  attribute: (model, inputs, options) =>
    reluRuleAttribute('deconvolution', deconvRule, model, inputs, options),
};
