/** Every user-facing error message of @openbox/tabular, naming the function and the argument. */
import { escapeForMessage } from '@openbox/safe-io';

const quoted = (value: unknown): string =>
  typeof value === 'number' && !Number.isFinite(value)
    ? String(value)
    : escapeForMessage(JSON.stringify(value) ?? String(value));

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
  kernelSamples: (fn: string, value: unknown) =>
    `${fn}: options.samples must be an integer of at least 2 (coalition evaluations per row); got ${quoted(value)}.`,
  kernelSingular: (fn: string, row: number, samples: number) =>
    `${fn}: the ${samples} sampled coalitions of row ${row} do not separate every feature (a singular system); give more samples.`,
  notBoolean: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be true or false; got ${quoted(value)}.`,
  importanceRepeats: (fn: string, value: unknown) =>
    `${fn}: options.repeats must be an integer of at least 2 (an interval needs two repeats); got ${quoted(value)}.`,
  openUnitInterval: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be a number strictly between 0 and 1; got ${quoted(value)}.`,
  gridSize: (fn: string, value: unknown) =>
    `${fn}: options.grid must be an integer of at least 2; got ${quoted(value)}.`,
  gridValues: (fn: string) => `${fn}: options.values must be a non-empty array of finite numbers.`,
  layerSizes: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be an array of layer sizes (positive integers, [] for none); got ${quoted(value)}.`,
  nonNegativeNumber: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be a finite number ≥ 0; got ${quoted(value)}.`,
  positiveNumber: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be a finite number > 0; got ${quoted(value)}.`,
  fractionBelowOne: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be a share of the rows from 0 (inclusive) to 1 (exclusive); got ${quoted(value)}.`,
  tooFewClasses: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be an integer of at least 2; got ${quoted(value)}.`,
  emptySplit: (fn: string, fraction: number, train: number, validation: number) =>
    `${fn}: validationFraction ${fraction} leaves ${train} training and ${validation} validation rows; each part needs at least one row.`,
  baselineRows: (fn: string, rows: number) =>
    `${fn}: options.baseline must be one row (the path's start); got ${rows} rows.`,
  noSearchBox: (fn: string) =>
    `${fn}: give options.bounds ({ low, high } per feature) or options.data (rows whose per-feature minimum and maximum bound the search).`,
  boundsLength: (fn: string, side: string, got: unknown, features: number) =>
    `${fn}: options.bounds.${side} must hold ${features} numbers, one per feature; got ${got === undefined ? 'none' : `${quoted(got)} entries`}.`,
  boundNotFinite: (fn: string, side: string, feature: number, value: unknown) =>
    `${fn}: options.bounds.${side}[${feature}] must be a finite number; got ${quoted(value)}.`,
  workerCount: (fn: string, value: unknown) =>
    `${fn}: options.workers must be an integer from 1 to 64; got ${quoted(value)}.`,
  workerBackend: (fn: string, value: unknown) =>
    `${fn}: options.backend must be 'wasm' or 'cpu' (by default the backend tf is using, when it is one of them); got ${quoted(value)}.`,
  workerExited: (fn: string, code: number) => `${fn}: a worker exited with code ${code} before answering.`,
} as const;
