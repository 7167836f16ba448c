/** Every user-facing error message of @openbox/attribution, naming the function and the argument. */
import { escapeForMessage } from '@openbox/safe-io';
const shape = (s) => `[${s.map((d) => d ?? 'batch').join(', ')}]`;
export const MESSAGES = {
  inputShape: (fn, got, expected) =>
    `${fn}: inputs must be [n, ${expected.join(', ')}] for this model; got ${shape(got)}.`,
  emptyInputs: (fn) => `${fn}: inputs hold no rows; give at least one input.`,
  nonFiniteInputs: (fn, argument) =>
    `${fn}: ${argument} contain NaN or ±Infinity; attributions of such inputs are meaningless.`,
  targetCount: (fn, got, n) =>
    `${fn}: targets lists ${got} targets for ${n} inputs; give one target for all or exactly ${n}.`,
  classTarget: (fn, value, classes, layer) =>
    `${fn}: target ${String(value)} is not a class of '${escapeForMessage(layer)}', which has classes 0..${classes - 1}.`,
  notClassOutput: (fn, layer, got) =>
    `${fn}: a class-index target needs a [batch, classes] output; '${escapeForMessage(layer)}' has shape ${shape(got)}; give { layer, channel, y, x } instead.`,
  badUnitTarget: (fn, value) =>
    `${fn}: a target must be a class index or { layer, channel, y?, x? }; got ${escapeForMessage(JSON.stringify(value) ?? String(value))}.`,
  halfPosition: (fn) => `${fn}: a target gives y without x or x without y; give both or neither.`,
  positiveInteger: (fn, argument, value) =>
    `${fn}: ${argument} must be a positive integer; got ${String(value)}.`,
  integerRange: (fn, argument, value, min, max) =>
    `${fn}: ${argument} must be an integer from ${min} to ${max}; got ${String(value)}.`,
  nonNegative: (fn, argument, value) =>
    `${fn}: ${argument} must be a finite number >= 0; got ${String(value)}.`,
  positive: (fn, argument, value) => `${fn}: ${argument} must be a finite number > 0; got ${String(value)}.`,
  unknownName: (fn, argument, value, known) =>
    `${fn}: ${argument} must be one of ${known.map((k) => `'${k}'`).join(', ')}; got ${escapeForMessage(JSON.stringify(value) ?? String(value))}.`,
  baselineShape: (fn, got, expected) =>
    `${fn}: the baseline has shape ${shape(got)}; it must be [1 or n, ${expected.slice(1).join(', ')}] (inputs are ${shape(expected)}).`,
  needsData: (fn, kind) =>
    `${fn}: the '${kind}' baseline needs data (a [m, height, width, channels] tensor of dataset images); none was given.`,
  needsLayer: (fn, method) => `${fn}: the method '${method}' needs options.layer (a layer name).`,
  needsUnitTarget: (fn, method) =>
    `${fn}: the method '${method}' attributes a unit inside the net; give targets as { layer, channel, y?, x? }.`,
  layerOption: (fn, value, known) =>
    `${fn}: options.layer must name a layer of this model (${known.map((k) => escapeForMessage(k)).join(', ')}); got ${escapeForMessage(JSON.stringify(value) ?? String(value))}.`,
  targetBeforeLayer: (fn, target, layer) =>
    `${fn}: target layer '${escapeForMessage(target)}' comes before options.layer '${escapeForMessage(layer)}', so it does not depend on it; give a target at or after that layer.`,
  notSpatialLayer: (fn, layer, got) =>
    `${fn}: options.layer '${escapeForMessage(layer)}' has output shape ${shape(got)}; this method needs a spatial [batch, height, width, channels] layer (a conv or pooling layer).`,
  evaluationShape: (fn, what, got, expected) =>
    `${fn}: ${what} have shape ${shape(got)}; they must have shape ${shape(expected)}.`,
  maskSize: (fn, got, expected) =>
    `${fn}: the mask has ${got} entries; it must have one per pixel, n × height × width = ${expected}.`,
  mapRank: (fn, got) => `${fn}: maps must be [n, height, width, channels]; got ${shape(got)}.`,
  featureMaskShape: (fn, got, inputs) =>
    `${fn}: options.featureMask has shape ${shape(got)}; it must be [1 or ${inputs[0]}, ${inputs[1]}, ${inputs[2]}] (one feature id per pixel).`,
  featureMaskIds: (fn, value) =>
    `${fn}: options.featureMask must hold integer feature ids >= 0; got ${String(value)}.`,
  featureMaskMissing: (fn, id, mask, d) =>
    `${fn}: options.featureMask ${mask} lacks feature id ${id}; ids must run 0..${d - 1} with every id present in every mask.`,
  nonFiniteBaseline: (fn, value) =>
    `${fn}: options.baselines must be a finite number, a baseline name or a tensor; got ${String(value)}.`,
  windowTooLarge: (fn, window, image) =>
    `${fn}: options.window ${shape(window)} is larger than the image ${shape(image)}.`,
  strideTooLarge: (fn, stride, window) =>
    `${fn}: options.stride ${shape(stride)} must not exceed options.window ${shape(window)}, or some pixels are never occluded.`,
  baselineDistribution: (fn, got, expected) =>
    `${fn}: options.baselines must be a tensor [m, ${expected.slice(1).join(', ')}] of m >= 1 baselines (inputs are ${shape(expected)}); got ${got === null ? 'no tensor' : shape(got)}.`,
  finiteSeed: (fn, value) => `${fn}: options.seed must be a finite number; got ${String(value)}.`,
  seedNotFinite: (fn, value) => `${fn}: options.seed must be a finite number; got ${String(value)}.`,
};
//# sourceMappingURL=messages.js.map
