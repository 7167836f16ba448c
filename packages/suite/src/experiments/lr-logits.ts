/** `lrLogits`: the multinomial logistic regression of `loadLrTemplates` as a differentiable tfjs function of the image. */
import * as tf from '@tensorflow/tfjs-core';
import type { LrTemplates } from './lr-templates.js';
import type { LogitsFn } from './pgd-minimal-perturbation.js';

/** The model and the two tensors it holds (free them with `dispose`). */
export interface LrLogits {
  readonly logits: LogitsFn;
  dispose(): void;
}

/**
 * z = flatten(x)·Wᵀ + b with the templates' `[10, 784]` weights W and intercepts b — the scores `lrTemplateAccuracy`
 * takes the argmax of, now with gradients, so the same attack runs on both models.
 * @example const lr = lrLogits(loadLrTemplates(cacheDir)); pgdMinimalPerturbation(lr.logits, …); lr.dispose();
 */
export function lrLogits(templates: LrTemplates): LrLogits {
  const classes = templates.intercepts.length;
  const pixels = templates.weights.length / classes;
  const w = tf.tidy(() => tf.transpose(tf.tensor2d(templates.weights, [classes, pixels])));
  const b = tf.tensor1d(templates.intercepts);
  return {
    logits: (x) => tf.tidy(() => tf.add(tf.matMul(tf.reshape(x, [-1, pixels]), w), b) as tf.Tensor2D),
    dispose: () => tf.dispose([w, b]),
  };
}
