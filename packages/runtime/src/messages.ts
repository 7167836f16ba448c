/** User-facing error messages of @openbox/runtime, in one place. */
import { BACKEND_NAMES } from './backend-names.js';

export const MESSAGES = {
  unknownBackend: (value: string, origin: string) =>
    `initBackend: ${origin} is '${value}', which is not a backend; use one of ${BACKEND_NAMES.join(', ')}.`,
  forcedBackendFailed: (name: string, reason: string) =>
    `initBackend: the backend '${name}' was requested but cannot be used: ${reason}`,
  noBackend: (reasons: string) => `initBackend: no backend could be initialized (${reasons}).`,
  badSeed: (fn: string, seed: unknown) => `${fn}: seed must be a finite number, got ${String(seed)}.`,
  badIntBound: (bound: number) => `Rng.int: maxExclusive must be a positive integer, got ${bound}.`,
  badRepeats: (repeats: number) => `tensorGrowth: repeats must be a positive integer, got ${repeats}.`,
  scopedTypedArray: () =>
    'scoped: the function returned a typed array; return the tensor and read it outside (tf.tidy walks returned values).',
  modelMissing: (path: string) => `loadModel: no model file at ${path}.`,
  modelNotFile: (path: string) => `loadModel: ${path} is not a file (expected the path of a model.json).`,
  modelBadJson: (path: string, reason: string) => `loadModel: ${path} is not valid JSON (${reason}).`,
  modelNoTopology: (path: string) =>
    `loadModel: ${path} has no modelTopology; it is not a TensorFlow.js LayersModel model.json.`,
  modelNoManifest: (path: string) => `loadModel: ${path} has no weightsManifest.`,
  weightsMissing: (shard: string, model: string) =>
    `loadModel: the weights file ${shard} named in ${model} does not exist.`,
  weightsShort: (model: string, expected: number, actual: number) =>
    `loadModel: the weights of ${model} hold ${actual} bytes, but its weightsManifest needs ${expected}.`,
  weightsPathEscapes: (shard: string, model: string) =>
    `loadModel: the weights path '${shard}' in ${model} leaves the model's folder.`,
  saveNoWeights: (dir: string) => `saveModel: the model produced no weights to write to ${dir}.`,
} as const;
