/** User-facing error messages of @openbox/runtime, in one place. */
import { escapeForMessage } from '@openbox/safe-io';
import { BACKEND_NAMES } from './backend-names.js';

/** A path, escaped and quoted, as @openbox/safe-io quotes it. */
const q = (path: string): string => `"${escapeForMessage(path, 200)}"`;

export const MESSAGES = {
  unknownBackend: (value: string, origin: string) =>
    `initBackend: ${origin} is '${value}', which is not a backend; use one of ${BACKEND_NAMES.join(', ')}.`,
  forcedBackendFailed: (name: string, reason: string) =>
    `initBackend: the backend '${name}' was requested but cannot be used: ${reason}`,
  noBackend: (reasons: string) => `initBackend: no backend could be initialized (${reasons}).`,
  badWasmThreads: (value: string, origin: string, max: number) =>
    `initBackend: ${origin} is '${value}', which is not a thread count; use an integer from 1 to ${max}.`,
  wasmThreadsFixed: (requested: number, current: number) =>
    `initBackend: the wasm backend already runs on ${current} thread${current === 1 ? '' : 's'} in this process and cannot change to ${requested}; start a new process (or a worker thread) with options.threads = ${requested}.`,
  wasmSingleThread: (requested: number, problem: string) =>
    `wasm runs on 1 thread instead of ${requested}: ${problem}.`,
  badSeed: (fn: string, seed: unknown) => `${fn}: seed must be a finite number, got ${String(seed)}.`,
  badIntBound: (bound: number) => `Rng.int: maxExclusive must be a positive integer, got ${bound}.`,
  badRepeats: (repeats: number) => `tensorGrowth: repeats must be a positive integer, got ${repeats}.`,
  scopedTypedArray: () =>
    'scoped: the function returned a typed array; return the tensor and read it outside (tf.tidy walks returned values).',
  // Model IO: every message names the file (escaped) and, where one is at fault, the layer and weight.
  modelBadJson: (path: string, problem: string, where: string, excerpt: string) =>
    `loadModel: model.json ${q(path)} is not valid JSON: ${problem}${where} (near "${excerpt}").`,
  modelNotObject: (path: string, kind: string) =>
    `loadModel: model.json ${q(path)} holds JSON ${kind}, not an object; it is not a TensorFlow.js LayersModel model.json.`,
  graphModel: (path: string) =>
    `loadModel: ${q(path)} is a TensorFlow.js GraphModel (converted from a SavedModel/frozen graph); loadModel returns LayersModels only: load it with loadImageModel (an ImageModel for either kind) or loadGraphModel.`,
  notGraphModel: (path: string) =>
    `loadGraphModel: ${q(path)} is not a GraphModel model.json (no format 'graph-model', no GraphDef node list); load a LayersModel with loadModel or loadImageModel.`,
  graphNoNodes: (path: string) =>
    `loadGraphModel: ${q(path)} says format 'graph-model' but its modelTopology has no node list; it is not a TensorFlow.js GraphModel model.json.`,
  graphBadTopology: (path: string, reason: string) =>
    `loadGraphModel: the GraphDef of ${q(path)} cannot be built into a GraphModel (${escapeForMessage(reason, 160)}).`,
  modelNoTopology: (path: string) =>
    `loadModel: ${q(path)} has no modelTopology object; it is not a TensorFlow.js LayersModel model.json.`,
  badTopology: (path: string, reason: string) =>
    `loadModel: the modelTopology of ${q(path)} cannot be built into a LayersModel (${escapeForMessage(reason, 160)}).`,
  modelNoManifest: (path: string) =>
    `loadModel: ${q(path)} has no weightsManifest (a list of { paths, weights } groups).`,
  badManifest: (path: string, where: string, problem: string) =>
    `loadModel: the weightsManifest of ${q(path)} is malformed: ${where} ${problem}.`,
  manifestTooLarge: (path: string, bytes: number, maxBytes: number) =>
    `loadModel: the weightsManifest of ${q(path)} describes ${bytes} bytes of weights, over the limit of ${maxBytes} (options.maxWeightBytes).`,
  weightsPathEscapes: (shard: string, model: string) =>
    `loadModel: the weights path "${escapeForMessage(shard, 120)}" in ${q(model)} leaves the model's folder.`,
  weightsMissing: (shard: string, model: string) =>
    `loadModel: the weights file ${q(shard)} named in ${q(model)} does not exist.`,
  weightsShort: (files: readonly string[], model: string, actual: number, expected: number) =>
    `loadModel: the weights file ${files.map(q).join(' + ')} holds ${actual} bytes, but the weightsManifest of ${q(model)} needs ${expected}; the file is truncated or belongs to another model.`,
  weightsLong: (file: string, model: string, actual: number | undefined, expected: number) =>
    `loadModel: the weights file ${q(file)} holds ${actual === undefined ? 'more' : `${actual}`} bytes, more than the ${expected} the weightsManifest of ${q(model)} describes; the file has extra bytes or belongs to another model.`,
  shapeMismatch: (
    model: string,
    layer: string,
    weight: string,
    manifestShape: readonly number[],
    layerShape: readonly number[],
  ) =>
    `loadModel: in ${q(model)}, layer '${escapeForMessage(layer, 80)}' has weight '${escapeForMessage(weight, 80)}' of shape [${layerShape.join(', ')}], but the weightsManifest gives it shape [${manifestShape.join(', ')}].`,
  weightsMismatch: (model: string, reason: string) =>
    `loadModel: the weights in ${q(model)} do not fit its layers (${escapeForMessage(reason, 160)}).`,
  nonFinite: (model: string, layer: string, weight: string, count: number, total: number) =>
    `loadModel: in ${q(model)}, ${escapeForMessage(weight, 80)} has ${count} NaN or infinite values (of ${total} in layer '${escapeForMessage(layer, 80)}'); the weights are damaged.`,
  // Reasons of verifyCachedFiles: one line each, naming the cached file.
  cacheFileName: (name: string) =>
    `meta.json lists "${escapeForMessage(name, 80)}", which is not a plain file name inside the cache folder`,
  cacheFileMissing: (name: string) => `${escapeForMessage(name, 80)} is missing`,
  cacheFileNotRegular: (name: string, kind: string | undefined) =>
    `${escapeForMessage(name, 80)} is ${kind === undefined ? '' : `${kind}, `}not a regular file`,
  cacheFileShort: (name: string, actual: number, expected: number) =>
    `${escapeForMessage(name, 80)} holds ${actual} bytes; meta.json records ${expected}`,
  cacheFileLong: (name: string, expected: number) =>
    `${escapeForMessage(name, 80)} holds more than the ${expected} bytes meta.json records`,
  cacheFileChanged: (name: string) =>
    `${escapeForMessage(name, 80)} does not match the SHA-256 recorded in meta.json`,
  cacheFileUnreadable: (name: string, code: string) =>
    `${escapeForMessage(name, 80)} cannot be read (${code})`,
  saveNoFolder: (dir: string, code: string) => `saveModel: cannot create the folder ${q(dir)} (${code}).`,
  saveNoWeights: (dir: string) => `saveModel: the model produced no weights to write to ${q(dir)}.`,
} as const;
