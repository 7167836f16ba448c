/** Error messages of the model adapter, naming the function and the argument. */
import { escapeForMessage } from '@openbox/safe-io';

const list = (items: readonly (string | number)[]): string =>
  items.length === 0 ? '(none)' : items.join(', ');

/** Characters of a layer name shown: graph node names (`StatefulPartitionedCall/model/block1/conv/Conv2D`) are long. */
const NAME_CHARS = 160;

export const ADAPTER_MESSAGES = {
  unknownLayer: (fn: string, name: string, known: readonly string[]) =>
    `${fn}: unknown layer '${escapeForMessage(name, NAME_CHARS)}'. Layers in this model: ${list(known.map((k) => escapeForMessage(k, NAME_CHARS)))} (plus 'input' and 'logits').`,
  channelOutOfRange: (fn: string, layer: string, channel: number, channels: number) =>
    `${fn}: channel ${channel} is out of range for layer '${layer}', which has channels 0..${channels - 1} (${channels} in all).`,
  positionOutOfRange: (fn: string, layer: string, x: number, y: number, width: number, height: number) =>
    `${fn}: position (x=${x}, y=${y}) is outside layer '${layer}', whose positions are x 0..${width - 1}, y 0..${height - 1}.`,
  notSpatial: (fn: string, layer: string, shape: readonly (number | null)[]) =>
    `${fn}: layer '${layer}' has output shape [${shape.join(', ')}], not [batch, height, width, channels]; a spatial position needs a conv-like layer.`,
  unsupportedLogits: (fn: string, layer: string, className: string, activation: string) =>
    `${fn}: cannot recover logits: the last layer '${layer}' (${className}) applies ${activation} but is not a Dense or Activation layer.`,
  noPreActivation: (fn: string, name: string, className: string) =>
    `${fn}: '${name}' asks for a pre-activation, which exists only for Dense and Conv2D layers; this layer is ${className}.`,
  multiOutput: (fn: string, what: string) => `${fn}: the model must have exactly one ${what}.`,
  badInputShape: (fn: string, shape: readonly (number | null)[]) =>
    `${fn}: the model input must be [batch, height, width, channels] with known sizes; got [${shape.join(', ')}].`,
  badVectorInput: (fn: string, shape: readonly (number | null)[]) =>
    `${fn}: the model input must be [batch, features] with a known number of features; got [${shape.join(', ')}].`,
  unhookableLayer: (layer: string, className: string, activation: string) =>
    `ModelAdapter.execute: layer '${escapeForMessage(layer)}' (${className}, activation '${escapeForMessage(activation)}') cannot take a modified backward rule; supported: Dense and Conv2D with relu, relu6, sigmoid, tanh, elu, selu, softplus or softmax, and ReLU / Activation layers.`,
  ambiguousScope: (fn: string, alias: string, scopes: readonly string[]) =>
    `${fn}: '${escapeForMessage(alias)}' names several layer scopes of this graph model: ${scopes.map((s) => escapeForMessage(s)).join(', ')}; give more of the path, or a node name.`,
  needsLayersModel: (fn: string) =>
    `${fn}: needs a LayersModel (format 'layers-model'): it reads layer objects that a graph model does not have; load the Keras/LayersModel version of this model.`,
  nestedModel: (layer: string) =>
    `ModelAdapter.execute: layer '${escapeForMessage(layer)}' is a nested model; its layers cannot take a modified backward rule (flatten it into one model).`,
  // Graph models
  noGraphDef: (fn: string) =>
    `${fn}: this GraphModel carries no GraphDef (modelTopology.node); load it with loadGraphModel / tfjs-converter's loadGraphModel, or pass options.graphDef.`,
  graphInputShape: (fn: string, shape: readonly number[]) =>
    `${fn}: the graph's input has shape [${shape.join(', ')}], whose height, width or channels are unknown (-1); pass options.inputShape = [height, width, channels].`,
  graphInputShapeMismatch: (fn: string, given: readonly number[], graph: readonly number[]) =>
    `${fn}: options.inputShape [${given.join(', ')}] does not fit the graph's input shape [${graph.join(', ')}]; each known size must match and every size be a positive integer.`,
  graphNotImage: (fn: string, shape: readonly number[]) =>
    `${fn}: the graph's input has shape [${shape.join(', ')}]; an image model takes [batch, height, width, channels].`,
  graphHooks: (fn: string, hook: string) =>
    `${fn}: guided backpropagation and DeepLIFT rules need a LayersModel: a graph model's nonlinearities and max pools cannot take a modified backward rule (hooks.${hook}); load the Keras/LayersModel version of this model.`,
  graphNoPre: (fn: string, name: string) =>
    `${fn}: '${escapeForMessage(name)}' asks for a pre-activation (':pre'), which exists only for LayersModel layers; in a graph model address the node before the activation by its name.`,
  graphRun: (fn: string, reason: string) =>
    `${fn}: TensorFlow.js cannot run this graph model (${escapeForMessage(reason, 200)}).`,
  noGradient: (fn: string, op: string, nodes: readonly string[]) =>
    `${fn}: the graph op ${escapeForMessage(op)} (nodes: ${list(nodes.map((n) => escapeForMessage(n, 120)))}) has no gradient in TensorFlow.js, so ${fn} cannot differentiate through it; attribute a layer before it, or use a method that needs no gradient (occlusion, KernelSHAP).`,
  noGradientLayers: (fn: string, op: string) =>
    `${fn}: the op ${escapeForMessage(op)} has no gradient in TensorFlow.js, so ${fn} cannot differentiate through it; attribute a layer before it, or use a method that needs no gradient (occlusion, KernelSHAP).`,
} as const;
