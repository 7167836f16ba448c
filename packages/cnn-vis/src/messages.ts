/** Every user-facing error message of @openbox/cnn-vis, naming the function and the argument. */
import { escapeForMessage } from '@openbox/safe-io';

const list = (items: readonly (string | number)[]): string =>
  items.length === 0 ? '(none)' : items.join(', ');

export const MESSAGES = {
  batchMismatch: (fn: string, argument: string, got: number, expected: number) =>
    `${fn}: ${argument} lists ${got} units but the batch has ${expected} items; give one unit or exactly ${expected}.`,
  directionLength: (fn: string, layer: string, got: number, channels: number) =>
    `${fn}: the direction for layer '${layer}' has ${got} entries; the layer has ${channels} channels.`,
  positiveInteger: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be a positive integer; got ${String(value)}.`,
  nonNegative: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be a finite number >= 0; got ${String(value)}.`,
  badRange: (fn: string, argument: string, value: unknown) =>
    `${fn}: ${argument} must be [low, high] with low < high; got ${JSON.stringify(value)}.`,
  noConvLayer: (fn: string, known: readonly string[]) =>
    `${fn}: the model has no Conv2D layer. Layers: ${list(known)}.`,
  emptySum: (fn: string) => `${fn}: needs at least one objective.`,
  datasetShape: (fn: string, shape: readonly number[], expected: readonly number[]) =>
    `${fn}: dataset images have shape [n, ${shape.slice(1).join(', ')}]; the model expects [n, ${expected.join(', ')}].`,
  tooFewImages: (fn: string, argument: string, need: number, got: number) =>
    `${fn}: ${argument} needs at least ${need} images; got ${got}.`,
  staleModel: (path: string, why: string) =>
    `loadReferenceCnn: the cached model at ${path} is stale (${why}); retraining.`,
  damagedModel: (path: string, why: string) =>
    `loadReferenceCnn: the cached reference CNN at ${path} is damaged (${why}); retraining.`,
  metaNotJson: (path: string) => `meta.json "${path}" is not valid JSON`,
  metaNotObject: (path: string) => `meta.json "${path}" holds no JSON object`,
  metaMissing: () => 'meta.json is missing',
  metaNoFiles: () => "meta.json's files record is malformed or lacks model.json and weights.bin",
  metaBadAccuracy: (value: string) => `meta.json's testAccuracy is ${value}, not a number`,
  lowAccuracy: (accuracy: number, minimum: number) =>
    `loadReferenceCnn: the trained reference CNN reached test accuracy ${accuracy.toFixed(4)}, below the required ${minimum}.`,
  accuracyOutsideRecipe: (recipe: string, accuracy: number, min: number, max: number) =>
    `loadReferenceCnn: the CNN trained with recipe '${recipe}' reached test accuracy ${accuracy.toFixed(4)}, outside the required ${min} to ${max}.`,
  unknownRecipe: (recipe: unknown, known: readonly string[]) =>
    `loadReferenceCnn: options.recipe must be one of ${known.map((k) => `'${k}'`).join(', ')}; got ${JSON.stringify(recipe) ?? String(recipe)}.`,
  nonFiniteObjective: (
    fn: string,
    objective: string,
    layers: readonly string[],
    where: string,
    learningRate: number,
  ) =>
    `${fn}: the objective '${objective}' (layers ${list(layers)}) became non-finite (NaN or ±Infinity) ${where}; optimization stopped. Check the model's weights for NaN or Infinity and lower the learning rate (${learningRate}).`,
  badImageBatch: (fn: string, shape: readonly number[]) =>
    `${fn}: images must be [n, height, width, 1 | 3]; got [${shape.join(', ')}].`,
} as const;
