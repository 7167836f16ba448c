/** Error messages of the model adapter, naming the function and the argument. */
import { escapeForMessage } from '@openbox/safe-io';

const list = (items: readonly (string | number)[]): string =>
  items.length === 0 ? '(none)' : items.join(', ');

export const ADAPTER_MESSAGES = {
  unknownLayer: (fn: string, name: string, known: readonly string[]) =>
    `${fn}: unknown layer '${escapeForMessage(name)}'. Layers in this model: ${list(known.map((k) => escapeForMessage(k)))} (plus 'input' and 'logits').`,
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
  needsLayersModel: (fn: string) =>
    `${fn}: needs a LayersModel (format 'layers-model'): it reads layer objects that a graph model does not have; load the Keras/LayersModel version of this model.`,
  nestedModel: (layer: string) =>
    `ModelAdapter.execute: layer '${escapeForMessage(layer)}' is a nested model; its layers cannot take a modified backward rule (flatten it into one model).`,
} as const;
