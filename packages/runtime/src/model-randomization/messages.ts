/** User-facing error messages of model randomization (one place; each names the function, the layer and the weight). */
import { escapeForMessage } from '@openbox/safe-io';

/** A layer or weight name, escaped and quoted. */
const n = (name: string): string => `'${escapeForMessage(name, 80)}'`;
const list = (names: readonly string[]): string =>
  names.length === 0 ? 'none' : names.map((name) => escapeForMessage(name, 80)).join(', ');

export const RANDOMIZATION_MESSAGES = {
  badSeed: (fn: string, seed: unknown) => `${fn}: options.seed must be a finite number, got ${String(seed)}.`,
  unknownLayer: (fn: string, layer: string, withWeights: readonly string[]) =>
    `${fn}: options.layers names ${n(layer)}, which is not a layer of the model (its layers with weights: ${list(withWeights)}).`,
  layerWithoutWeights: (fn: string, layer: string, withWeights: readonly string[]) =>
    `${fn}: options.layers names ${n(layer)}, which has no weights (layers with weights: ${list(withWeights)}).`,
  unknownModelClass: (className: string) =>
    `reinitializedCopy: tfjs-layers has no model class ${n(className)} registered to rebuild the architecture from.`,
  noWeightedLayers: (fn: string) => `${fn}: the model has no layer with weights to re-initialize.`,
  unknownWeight: (fn: string, layer: string, weight: string) =>
    `${fn}: layer ${n(layer)} has the weight ${n(weight)}, whose initializer OpenBox does not know where to find; re-initialize only layers whose weights are kernels, biases, depthwise/pointwise kernels, recurrent kernels, embeddings, alpha, or BatchNormalization gamma/beta/moving statistics.`,
  noInitializerConfig: (fn: string, layer: string, weight: string, key: string) =>
    `${fn}: layer ${n(layer)} has the weight ${n(weight)}, but its config has no '${key}' to redraw it from.`,
  undrawable: (fn: string, layer: string, weight: string, initializer: string) =>
    `${fn}: layer ${n(layer)} initializes ${n(weight)} with ${escapeForMessage(initializer, 80)}, which OpenBox cannot redraw; it draws Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal and VarianceScaling (with its Glorot, He and LeCun forms).`,
  badInitializerField: (
    fn: string,
    layer: string,
    weight: string,
    initializer: string,
    field: string,
    expected: string,
    got: unknown,
  ) =>
    `${fn}: layer ${n(layer)} initializes ${n(weight)} with ${initializer} whose ${field} is ${escapeForMessage(JSON.stringify(got) ?? String(got), 60)}; expected ${expected}.`,
  unitForgetBias: (fn: string, layer: string) =>
    `${fn}: layer ${n(layer)} has unitForgetBias set, so its bias is not drawn from biasInitializer alone; OpenBox cannot redraw it.`,
} as const;
