/** Every user-facing error message of @openbox/tabular, naming the function and the argument. */
import { escapeForMessage } from '@openbox/safe-io';

const quoted = (value: unknown): string => escapeForMessage(JSON.stringify(value) ?? String(value));

export const MESSAGES = {
  matrixShape: (fn: string, argument: string, got: string, features: number) =>
    `${fn}: ${argument} must be rows of ${features} features; got ${got}.`,
  emptyMatrix: (fn: string, argument: string) => `${fn}: ${argument} holds no rows; give at least one.`,
  nonFinite: (fn: string, argument: string, row: number, column: number) =>
    `${fn}: ${argument} row ${row}, feature ${column} is not a finite number (NaN or ±Infinity).`,
  positiveInteger: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be a positive integer; got ${quoted(value)}.`,
  integerRange: (fn: string, argument: string, value: unknown, min: number, max: number) =>
    `${fn}: ${argument} must be an integer from ${min} to ${max}; got ${quoted(value)}.`,
  numberRange: (fn: string, argument: string, value: unknown, min: number, max: number) =>
    `${fn}: ${argument} must be a number from ${min} to ${max}; got ${quoted(value)}.`,
  unknownName: (fn: string, argument: string, value: unknown, known: readonly string[]) =>
    `${fn}: ${argument} must be one of ${known.map((k) => `'${k}'`).join(', ')}; got ${quoted(value)}.`,
  classOutOfRange: (fn: string, value: unknown, classes: number) =>
    `${fn}: class ${quoted(value)} is not a class of this model, which has classes 0..${classes - 1}.`,
  badOutputShape: (fn: string, shape: readonly (number | null)[]) =>
    `${fn}: the model output must be [batch, classes] (softmax) or [batch, 1] (sigmoid); got [${shape.map((d) => d ?? 'batch').join(', ')}].`,
  notProbabilities: (fn: string, activation: string) =>
    `${fn}: the last layer applies '${escapeForMessage(activation)}', not softmax or sigmoid; its outputs are not class probabilities.`,
  notLinear: (fn: string, label: string) =>
    `${fn}: LinearSHAP needs a model that is affine in its output space (logistic regression explained in logit space); '${escapeForMessage(label)}' is not.`,
  noGradients: (fn: string, label: string) =>
    `${fn}: this method needs gradients, and '${escapeForMessage(label)}' has no differentiable form (give a tfjs model).`,
  tooManyFeatures: (fn: string, features: number, max: number) =>
    `${fn}: exact Shapley values enumerate 2^d coalitions; ${features} features is more than the limit of ${max} (use 'kernel').`,
  labelsLength: (fn: string, got: number, rows: number) =>
    `${fn}: labels has ${got} entries for ${rows} rows.`,
  labelRange: (fn: string, index: number, value: unknown, classes: number) =>
    `${fn}: labels[${index}] is ${quoted(value)}; labels must be class indices 0..${classes - 1}.`,
  unknownFeature: (fn: string, value: unknown, features: number) =>
    `${fn}: feature ${quoted(value)} is not a feature index 0..${features - 1}.`,
  unknownUnit: (fn: string, layer: string, unit: unknown, units: number) =>
    `${fn}: unit ${quoted(unit)} is out of range for layer '${escapeForMessage(layer)}', which has units 0..${units - 1}.`,
  notVectorLayer: (fn: string, layer: string, shape: readonly (number | null)[]) =>
    `${fn}: layer '${escapeForMessage(layer)}' has output shape [${shape.map((d) => d ?? 'batch').join(', ')}], not [batch, units].`,
  boundsOrder: (fn: string, feature: number, low: number, high: number) =>
    `${fn}: the range of feature ${feature} is [${low}, ${high}]; its lower bound must not exceed the upper one.`,
} as const;
