/** Every user-facing error message of @openbox/attribution, naming the function and the argument. */
import { escapeForMessage } from '@openbox/safe-io';

const shape = (s: readonly (number | null)[]): string => `[${s.map((d) => d ?? 'batch').join(', ')}]`;

export const MESSAGES = {
  inputShape: (fn: string, got: readonly number[], expected: readonly number[]) =>
    `${fn}: inputs must be [n, ${expected.join(', ')}] for this model; got ${shape(got)}.`,
  emptyInputs: (fn: string) => `${fn}: inputs hold no rows; give at least one input.`,
  nonFiniteInputs: (fn: string, argument: string) =>
    `${fn}: ${argument} contain NaN or ±Infinity; attributions of such inputs are meaningless.`,
  targetCount: (fn: string, got: number, n: number) =>
    `${fn}: targets lists ${got} targets for ${n} inputs; give one target for all or exactly ${n}.`,
  classTarget: (fn: string, value: unknown, classes: number, layer: string) =>
    `${fn}: target ${String(value)} is not a class of '${escapeForMessage(layer)}', which has classes 0..${classes - 1}.`,
  notClassOutput: (fn: string, layer: string, got: readonly (number | null)[]) =>
    `${fn}: a class-index target needs a [batch, classes] output; '${escapeForMessage(layer)}' has shape ${shape(got)}; give { layer, channel, y, x } instead.`,
  badUnitTarget: (fn: string, value: unknown) =>
    `${fn}: a target must be a class index or { layer, channel, y?, x? }; got ${escapeForMessage(JSON.stringify(value) ?? String(value))}.`,
  halfPosition: (fn: string) => `${fn}: a target gives y without x or x without y; give both or neither.`,
  positiveInteger: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be a positive integer; got ${String(value)}.`,
  integerRange: (fn: string, argument: string, value: unknown, min: number, max: number) =>
    `${fn}: ${argument} must be an integer from ${min} to ${max}; got ${String(value)}.`,
  nonNegative: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be a finite number >= 0; got ${String(value)}.`,
  positive: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be a finite number > 0; got ${String(value)}.`,
  unknownName: (fn: string, argument: string, value: unknown, known: readonly string[]) =>
    `${fn}: ${argument} must be one of ${known.map((k) => `'${k}'`).join(', ')}; got ${escapeForMessage(JSON.stringify(value) ?? String(value))}.`,
  baselineShape: (fn: string, got: readonly number[], expected: readonly number[]) =>
    `${fn}: the baseline has shape ${shape(got)}; it must be [1 or n, ${expected.slice(1).join(', ')}] (inputs are ${shape(expected)}).`,
  needsData: (fn: string, kind: string) =>
    `${fn}: the '${kind}' baseline needs data (a [m, height, width, channels] tensor of dataset images); none was given.`,
  needsLayer: (fn: string, method: string) =>
    `${fn}: the method '${method}' needs options.layer (a layer name).`,
  needsUnitTarget: (fn: string, method: string) =>
    `${fn}: the method '${method}' attributes a unit inside the net; give targets as { layer, channel, y?, x? }.`,
  layerOption: (fn: string, value: unknown, known: readonly string[]) =>
    `${fn}: options.layer must name a layer of this model (${known.map((k) => escapeForMessage(k)).join(', ')}); got ${escapeForMessage(JSON.stringify(value) ?? String(value))}.`,
  targetBeforeLayer: (fn: string, target: string, layer: string) =>
    `${fn}: target layer '${escapeForMessage(target)}' comes before options.layer '${escapeForMessage(layer)}', so it does not depend on it; give a target at or after that layer.`,
  notSpatialLayer: (fn: string, layer: string, got: readonly (number | null)[]) =>
    `${fn}: options.layer '${escapeForMessage(layer)}' has output shape ${shape(got)}; this method needs a spatial [batch, height, width, channels] layer (a conv or pooling layer).`,
  evaluationShape: (fn: string, what: string, got: readonly number[], expected: readonly number[]) =>
    `${fn}: ${what} have shape ${shape(got)}; they must have shape ${shape(expected)}.`,
  maskSize: (fn: string, got: number, expected: number) =>
    `${fn}: the mask has ${got} entries; it must have one per pixel, n × height × width = ${expected}.`,
  mapRank: (fn: string, got: readonly number[]) =>
    `${fn}: maps must be [n, height, width, channels]; got ${shape(got)}.`,
  featureMaskShape: (fn: string, got: readonly number[], inputs: readonly number[]) =>
    `${fn}: options.featureMask has shape ${shape(got)}; it must be [1 or ${inputs[0]}, ${inputs[1]}, ${inputs[2]}] (one feature id per pixel).`,
  featureMaskIds: (fn: string, value: number) =>
    `${fn}: options.featureMask must hold integer feature ids >= 0; got ${String(value)}.`,
  featureMaskMissing: (fn: string, id: number, mask: number, d: number) =>
    `${fn}: options.featureMask ${mask} lacks feature id ${id}; ids must run 0..${d - 1} with every id present in every mask.`,
  nonFiniteBaseline: (fn: string, value: unknown) =>
    `${fn}: options.baselines must be a finite number, a baseline name or a tensor; got ${String(value)}.`,
  windowTooLarge: (fn: string, window: readonly number[], image: readonly number[]) =>
    `${fn}: options.window ${shape(window)} is larger than the image ${shape(image)}.`,
  strideTooLarge: (fn: string, stride: readonly number[], window: readonly number[]) =>
    `${fn}: options.stride ${shape(stride)} must not exceed options.window ${shape(window)}, or some pixels are never occluded.`,
  baselineDistribution: (fn: string, got: readonly number[] | null, expected: readonly number[]) =>
    `${fn}: options.baselines must be a tensor [m, ${expected.slice(1).join(', ')}] of m >= 1 baselines (inputs are ${shape(expected)}); got ${got === null ? 'no tensor' : shape(got)}.`,
  finiteSeed: (fn: string, value: unknown) =>
    `${fn}: options.seed must be a finite number; got ${String(value)}.`,
} as const;
