/**
 * Evaluates a LayersModel's graph layer by layer on concrete tensors, with hooks: a layer's output can be replaced by a
 * given tensor (gradients with respect to a hidden layer), and elementwise nonlinearities and max pooling can be
 * swapped for other rules (guided backpropagation, DeepLIFT). Without hooks it computes what `model.apply` computes.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { ADAPTER_MESSAGES as MESSAGES } from './messages.js';

/** Elementwise activations the executor can apply itself (and hand to a hook). */
export const HOOKABLE_ACTIVATIONS = [
  'relu',
  'relu6',
  'sigmoid',
  'tanh',
  'elu',
  'selu',
  'softplus',
  'softmax',
] as const;
export type HookableActivation = (typeof HOOKABLE_ACTIVATIONS)[number];

/** Options of {@link executeGraph}; every hook is optional. */
export interface GraphHooks {
  /** Tensors to use as these layers' outputs (by layer name); the layers upstream of them are not evaluated. */
  readonly replace?: ReadonlyMap<string, tf.Tensor>;
  /**
   * Applies an activation to a pre-activation value; called for Dense/Conv2D layers with a non-linear activation and
   * for Activation/ReLU layers. Return `applyActivation(kind, pre)` to keep the usual rule.
   */
  readonly activation?: (kind: HookableActivation, pre: tf.Tensor, layerName: string) => tf.Tensor;
  /** Replaces a MaxPooling2D layer (the usual rule: `tf.maxPool(x, pool, strides, padding)`). */
  readonly maxPool?: (x: tf.Tensor4D, layer: MaxPoolConfig) => tf.Tensor;
}

/** A MaxPooling2D layer's geometry. */
export interface MaxPoolConfig {
  readonly name: string;
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';
}

/** The activation `kind` applied as tfjs-layers applies it (softmax over the last axis). */
export function applyActivation(kind: HookableActivation, x: tf.Tensor): tf.Tensor {
  switch (kind) {
    case 'relu':
      return tf.relu(x);
    case 'relu6':
      return tf.relu6(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
    case 'elu':
      return tf.elu(x);
    case 'selu':
      return tf.selu(x);
    case 'softplus':
      return tf.softplus(x);
    case 'softmax':
      return tf.softmax(x, -1);
  }
}

/** Layers that are a nonlinearity without an `activation` config (tfjs-layers' advanced activations). */
const ADVANCED_ACTIVATION_LAYERS: readonly string[] = [
  'LeakyReLU',
  'PReLU',
  'ELU',
  'ThresholdedReLU',
  'Softmax',
];

const isHookable = (kind: string): kind is HookableActivation =>
  (HOOKABLE_ACTIVATIONS as readonly string[]).includes(kind);

function pair(value: unknown, fallback: [number, number]): [number, number] {
  if (Array.isArray(value)) return [Number(value[0]), Number(value[1] ?? value[0])];
  if (typeof value === 'number') return [value, value];
  return fallback;
}

/** The layer's kernel (and bias) applied to `x` without its activation, for Dense and Conv2D layers. */
export function preActivation(layer: tfl.layers.Layer, x: tf.Tensor): tf.Tensor {
  const [kernel, bias] = layer.getWeights();
  const config = layer.getConfig() as {
    strides?: unknown;
    padding?: 'valid' | 'same';
    dilationRate?: unknown;
  };
  const z =
    layer.getClassName() === 'Conv2D'
      ? tf.conv2d(
          x as tf.Tensor4D,
          kernel as tf.Tensor4D,
          pair(config.strides, [1, 1]),
          config.padding ?? 'valid',
          'NHWC',
          pair(config.dilationRate, [1, 1]),
        )
      : tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
  return bias === undefined ? z : tf.add(z, bias);
}

function applyLayer(
  layer: tfl.layers.Layer,
  inputs: tf.Tensor[],
  hooks: GraphHooks,
): tf.Tensor | tf.Tensor[] {
  const className = layer.getClassName();
  const config = layer.getConfig() as { activation?: unknown };
  const kind = typeof config.activation === 'string' ? config.activation : 'linear';
  const only = inputs[0]!;
  if (hooks.maxPool !== undefined && className === 'MaxPooling2D') {
    const c = layer.getConfig() as { poolSize?: unknown; strides?: unknown; padding?: 'valid' | 'same' };
    const poolSize = pair(c.poolSize, [2, 2]);
    const strides = pair(c.strides, poolSize);
    return hooks.maxPool(only as tf.Tensor4D, {
      name: layer.name,
      poolSize,
      strides,
      padding: c.padding ?? 'valid',
    });
  }
  if (hooks.activation !== undefined) {
    if ('layers' in layer) throw new Error(MESSAGES.nestedModel(layer.name));
    // Keras' advanced activation layers carry no `activation` config; a hook would silently miss them.
    if (ADVANCED_ACTIVATION_LAYERS.includes(className))
      throw new Error(MESSAGES.unhookableLayer(layer.name, className, className));
    if (className === 'ReLU') return hooks.activation('relu', only, layer.name);
    if (className === 'Activation' && isHookable(kind)) return hooks.activation(kind, only, layer.name);
    if ((className === 'Dense' || className === 'Conv2D') && kind !== 'linear') {
      if (!isHookable(kind)) throw new Error(MESSAGES.unhookableLayer(layer.name, className, kind));
      return hooks.activation(kind, preActivation(layer, only), layer.name);
    }
    if (kind !== 'linear' || className === 'Activation')
      throw new Error(MESSAGES.unhookableLayer(layer.name, className, kind));
  }
  return layer.apply(inputs.length === 1 ? only : inputs, { training: false }) as tf.Tensor | tf.Tensor[];
}

/**
 * The values of `wanted` (symbolic tensors of `model`) for the model input `x`, evaluating only the layers they need.
 * Intermediate values are disposed; the returned tensors belong to the caller (except `x` itself when it is wanted).
 * @example const [logitsSource] = executeGraph(model, x, [model.layers[3].output], { replace });
 */
export function executeGraph(
  model: tfl.LayersModel,
  x: tf.Tensor,
  wanted: readonly tfl.SymbolicTensor[],
  hooks: GraphHooks = {},
): tf.Tensor[] {
  const memo = new Map<number, tf.Tensor>();
  memo.set(model.inputs[0]!.id, x);
  const evaluate = (st: tfl.SymbolicTensor): tf.Tensor => {
    const known = memo.get(st.id);
    if (known !== undefined) return known;
    const layer = st.sourceLayer as tfl.layers.Layer;
    const replaced = hooks.replace?.get(layer.name);
    if (replaced !== undefined) {
      memo.set(st.id, replaced);
      return replaced;
    }
    const node = layer.inboundNodes[st.nodeIndex]!;
    const inputs = node.inputTensors.map(evaluate);
    const result = applyLayer(layer, inputs, hooks);
    const outputs = Array.isArray(result) ? result : [result];
    node.outputTensors.forEach((out, i) => memo.set(out.id, outputs[i]!));
    return memo.get(st.id)!;
  };
  return tf.tidy(() => wanted.map(evaluate));
}
