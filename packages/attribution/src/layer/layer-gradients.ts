/**
 * The building block of every layer method: for a named layer L, its activations A = L(x) and the gradient of each
 * row's target with respect to them, ∂f_t/∂A (Captum's `compute_layer_gradients_and_eval`). A is computed by the
 * compiled sub-model; the target is then recomputed from A by walking the graph with L's output replaced by A
 * (`ImageModel.execute` with `hooks.replace`), inside `tf.grad` with respect to A — in chunks of at most
 * `batchSize` rows, so that steps × inputs stay under the memory bound.
 */
import * as tf from '@tensorflow/tfjs-core';
import { LOGITS_LAYER, isLayersImageModel, type ImageModel } from '@openbox/runtime';
import { inChunks } from '../core/input-gradients.js';
import type { ResolvedTarget } from '../core/target.js';
import { targetValues } from '../core/target-values.js';
import { MESSAGES } from '../messages.js';

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
export function checkLayer(
  fn: string,
  adapter: ImageModel,
  layer: unknown,
  targets: readonly ResolvedTarget[],
): string {
  if (layer === undefined) throw new Error(MESSAGES.needsLayer(fn, fn));
  const names = adapter.layers().map((l) => l.name);
  // A graph model also takes the Keras layer name its nodes were converted from (the scope's last node).
  const name = typeof layer === 'string' ? canonicalLayerName(adapter, layer) : undefined;
  const at = name === undefined ? -1 : names.indexOf(name);
  if (at < 0) throw new Error(MESSAGES.layerOption(fn, layer, names));
  // The logits of a model ending in softmax are computed from the last layer's input, before its output.
  const softmaxLast = name === names[names.length - 1] && endsInSoftmax(adapter);
  for (const t of targets) {
    if (t.layer === LOGITS_LAYER ? softmaxLast : names.indexOf(t.layer) < at)
      throw new Error(MESSAGES.targetBeforeLayer(fn, t.layer, layer as string));
  }
  return name!;
}

/** The layer (or graph node) `layer` resolves to in `adapter`, or undefined when it names none. */
function canonicalLayerName(adapter: ImageModel, layer: string): string | undefined {
  if (adapter.kind === 'layers') return layer;
  try {
    return adapter.layer(layer).name;
  } catch {
    return undefined;
  }
}

/** `[rows, ...layer]`: the layer's activations for `x`, in chunks of at most `batchSize` rows. */
export function layerActivations(
  adapter: ImageModel,
  x: tf.Tensor,
  layer: string,
  batchSize: number,
): tf.Tensor {
  const rows = x.shape[0]!;
  const [acts] = inChunks(rows, batchSize, (start, end) =>
    tf.tidy(() => {
      const chunk = (rows === end - start ? x : tf.slice(x, start, end - start)) as tf.Tensor4D;
      return [adapter.activations(chunk, [layer])[layer]!] as const;
    }),
  );
  return acts;
}

/**
 * A = L(x_r) and ∂ f_{target(owners[r])} / ∂A for every row r of `x`, and f(x_r).
 * @example const { activations, gradients, values } = layerGradients(adapter, x, owners, targets, 'conv2', 64);
 */
export function layerGradients(
  adapter: ImageModel,
  x: tf.Tensor,
  owners: Int32Array,
  targets: readonly ResolvedTarget[],
  layer: string,
  batchSize: number,
): LayerGradients {
  const rows = x.shape[0]!;
  const [activations, gradients, values] = inChunks(rows, batchSize, (start, end) =>
    tf.tidy(() => {
      const chunk = rows === end - start ? x : tf.slice(x, start, end - start);
      const own = owners.subarray(start, end);
      const a = adapter.activations(chunk as tf.Tensor4D, [layer])[layer]!;
      let kept: tf.Tensor1D | undefined;
      const grad = tf.grad((v: tf.Tensor) => {
        const f = targetValues(adapter, chunk, own, targets, { replace: new Map([[layer, v]]) });
        kept = tf.keep(f);
        return tf.sum(f);
      })(a);
      return [a, grad, kept!] as const;
    }),
  );
  return { activations, gradients, values: values as tf.Tensor1D };
}

/** Whether the model's last layer (or graph node) applies the softmax that `logits` undoes. */
function endsInSoftmax(adapter: ImageModel): boolean {
  if (!isLayersImageModel(adapter))
    return adapter.layers()[adapter.layers().length - 1]?.className === 'Softmax';
  const last = adapter.model.layers[adapter.model.layers.length - 1]!;
  return (last.getConfig() as { activation?: unknown }).activation === 'softmax';
}
