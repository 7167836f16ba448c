/** One entry point over every registered method: `attribute(model, inputs, { method, targets, ... })`. */
import type * as tf from '@tensorflow/tfjs-core';
import type { AttributionResult, CommonOptions } from './core/method.js';
import type { ModelLike } from './core/prepare.js';
import { MESSAGES } from './messages.js';
import { isMethodName, METHOD_NAMES, METHODS, type MethodName } from './methods.js';

/** Options of {@link attribute}: the method's name, the common options, and that method's own options. */
export type AttributeOptions = CommonOptions & { readonly method: MethodName } & Readonly<
    Record<string, unknown>
  >;

/**
 * Attributions of `inputs` by the named method; the caller disposes the result's tensors.
 * @example const { attributions, delta } = attribute(model, digits, { method: 'integrated-gradients', targets: [3, 7] });
 */
export function attribute(model: ModelLike, inputs: tf.Tensor, options: AttributeOptions): AttributionResult {
  if (!isMethodName(options.method))
    throw new Error(MESSAGES.unknownName('attribute', 'options.method', options.method, METHOD_NAMES));
  return METHODS[options.method].attribute(model, inputs, options);
}
