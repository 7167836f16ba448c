/**
 * The building block of every layer method: for a named layer L, its activations A = L(x) and the gradient of each
 * row's target with respect to them, ∂f_t/∂A (Captum's `compute_layer_gradients_and_eval`). A is computed by the
 * compiled sub-model; the target is then recomputed from A by walking the graph with L's output replaced by A
 * (`ModelAdapter.execute` with `hooks.replace`), inside `tf.grad` with respect to A — in chunks of at most
 * `batchSize` rows, so that steps × inputs stay under the memory bound.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type ModelAdapter } from '@openbox/runtime';
import type { ResolvedTarget } from '../core/target.js';
/** The option every layer method takes. */
export interface LayerOptions {
  /** The layer to attribute to: one of the model's layer names (`adapter.layers()`). Required. */
  readonly layer: string;
}
/** A layer's activations `[rows, ...layer]`, ∂f/∂A of the same shape, and the target values `[rows]`. */
export interface LayerGradients {
  readonly activations: tf.Tensor;
  readonly gradients: tf.Tensor;
  readonly values: tf.Tensor1D;
}
/**
 * `options.layer` checked: present, one of the model's layers, and at or before every target's layer (a target
 * upstream of the layer does not depend on it; nor do the logits on the output of a final softmax layer). The
 * pseudo-layers `input` and `logits` and `:pre` names are not layers whose output can be replaced, so they are refused.
 * @example const layer = checkLayer('gradcam', adapter, options.layer, targets);
 */
export declare function checkLayer(
  fn: string,
  adapter: ModelAdapter,
  layer: unknown,
  targets: readonly ResolvedTarget[],
): string;
/** `[rows, ...layer]`: the layer's activations for `x`, in chunks of at most `batchSize` rows. */
export declare function layerActivations(
  adapter: ModelAdapter,
  x: tf.Tensor,
  layer: string,
  batchSize: number,
): tf.Tensor;
/**
 * A = L(x_r) and ∂ f_{target(owners[r])} / ∂A for every row r of `x`, and f(x_r).
 * @example const { activations, gradients, values } = layerGradients(adapter, x, owners, targets, 'conv2', 64);
 */
export declare function layerGradients(
  adapter: ModelAdapter,
  x: tf.Tensor,
  owners: Int32Array,
  targets: readonly ResolvedTarget[],
  layer: string,
  batchSize: number,
): LayerGradients;
//# sourceMappingURL=layer-gradients.d.ts.map
