/**
 * `ImageModel`: what every image-model adapter offers, whatever holds the weights — a tfjs LayersModel
 * (`ImageModel`) or a GraphModel (`GraphModelAdapter`). Code that only reads activations, logits and layer shapes
 * takes an `ImageModel`; code that needs a LayersModel's layer objects asks {@link requireLayersModel}.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { GraphHooks } from './execute-graph.js';
import type { LayerInfo } from './layers-model-view.js';
import { ADAPTER_MESSAGES as MESSAGES } from './messages.js';

/** Which kind of tfjs model an adapter wraps. */
export const IMAGE_MODEL_KINDS = ['layers', 'graph'] as const;
export type ImageModelKind = (typeof IMAGE_MODEL_KINDS)[number];

/** The surface shared by `ImageModel` (LayersModel) and `GraphModelAdapter` (GraphModel). */
export interface ImageModel {
  /** `layers` for a LayersModel, `graph` for a GraphModel (whose "layers" are the graph's nodes). */
  readonly kind: ImageModelKind;
  /** Input size `[height, width, channels]`. */
  readonly inputShape: readonly [number, number, number];
  /** Input size without the batch dimension (the same numbers as `inputShape`). */
  readonly inputDims: readonly number[];
  /** Every layer (or graph node with a float output) with its output shape, input to output. */
  layers(): readonly LayerInfo[];
  /** Names accepted by `activations`: `input`, the layers, `logits`. */
  layerNames(): readonly string[];
  /** The layer named `name`, or an error naming `fn` and listing the layers that exist. */
  layer(name: string, fn?: string): LayerInfo;
  /** Throws a message naming the layer's channel range when `channel` is outside it. */
  checkChannel(layerName: string, channel: number, fn: string): void;
  /** Throws a message naming the layer's spatial extent when (x, y) is outside it. */
  checkPosition(layerName: string, x: number, y: number, fn: string): void;
  /** Several layers' activations in one inference pass; the caller owns the returned tensors (except `input`). */
  activations(images: tf.Tensor, names: readonly string[]): Record<string, tf.Tensor>;
  /** `activations` with hooks (replaced layer outputs, swapped backward rules); see `GraphHooks`. */
  execute(images: tf.Tensor, names: readonly string[], hooks: GraphHooks): Record<string, tf.Tensor>;
  /** Pre-softmax logits `[n, classes]`. */
  logits(images: tf.Tensor): tf.Tensor2D;
  /** Predicted class per image (argmax of the logits). */
  predictClasses(images: tf.Tensor): Int32Array;
}

/** An `ImageModel` that wraps a LayersModel (the `ImageModel`). */
export interface LayersImageModel extends ImageModel {
  readonly kind: 'layers';
  readonly model: tfl.LayersModel;
}

/** True when `adapter` wraps a LayersModel. */
export const isLayersImageModel = (adapter: ImageModel): adapter is LayersImageModel =>
  adapter.kind === 'layers';

/**
 * The LayersModel behind `adapter`, for code that reads layer objects (kernels, configs, re-initialization);
 * a graph model gets an error naming `fn` and saying what would work instead.
 * @example const model = requireLayersModel(adapter, 'filterGrid');
 */
export function requireLayersModel(adapter: ImageModel, fn: string): tfl.LayersModel {
  if (!isLayersImageModel(adapter)) throw new Error(MESSAGES.needsLayersModel(fn));
  return adapter.model;
}
