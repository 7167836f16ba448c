/** `loadImageModel` and `loadGraphModel`: a model.json (LayersModel or GraphModel) from disk, as checked as `loadModel`. */
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { MESSAGES } from './messages.js';
import { GraphModelAdapter } from './model-adapter/graph-model-adapter.js';
import type { ImageModel } from './model-adapter/image-model.js';
import { ModelAdapter } from './model-adapter/model-adapter.js';
import { buildLayersModel } from './model-io-build.js';
import { ModelIoError } from './model-io-error.js';
import { buildGraphModel } from './model-io-graph-build.js';
import {
  isGraphModelJson,
  LOAD_DEFAULTS,
  readModelJson,
  readModelWeights,
  type LoadModelOptions,
} from './model-io-read.js';

/** Options of {@link loadImageModel}: those of `loadModel`, plus the image size of a graph that leaves it open. */
export interface LoadImageModelOptions extends LoadModelOptions {
  /** `[height, width, channels]`; required for a graph model whose input has unknown sizes (-1). */
  readonly inputShape?: readonly [number, number, number];
}

/**
 * Loads the model.json at `path` — a LayersModel (`format: 'layers-model'`, Keras or `model.save`) or a GraphModel
 * (`format: 'graph-model'`, tensorflowjs_converter from a SavedModel) — as an `ImageModel`: a `ModelAdapter` or a
 * `GraphModelAdapter`. model.json is read once, through the same checks as `loadModel` (a regular file under the size
 * cap, stall timeouts, the manifest's names/shapes/dtypes, every shard inside the folder and exactly as long as the
 * manifest needs — several shards and several groups alike — and no NaN/Inf weight). Errors are `ModelIoError`s
 * naming the file; nothing is left behind on failure.
 * @example const adapter = await loadImageModel('my-model/model.json'); adapter.kind // 'layers' | 'graph'
 */
export async function loadImageModel(path: string, options: LoadImageModelOptions = {}): Promise<ImageModel> {
  const o = { ...LOAD_DEFAULTS, ...options };
  const json = await readModelJson(path, o);
  if (isGraphModelJson(json)) {
    const model = await graphFromJson(json, path, o);
    try {
      return new GraphModelAdapter(
        model,
        options.inputShape === undefined ? {} : { inputShape: options.inputShape },
      );
    } catch (error) {
      model.dispose();
      throw error;
    }
  }
  const topology = json['modelTopology'];
  if (topology === null || typeof topology !== 'object' || Array.isArray(topology))
    throw new ModelIoError('not-layers-model', MESSAGES.modelNoTopology(path), path);
  const { specs, data } = await readModelWeights(json, path, o);
  const model = await buildLayersModel(topology, specs, data, path);
  try {
    return new ModelAdapter(model);
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/**
 * Loads a GraphModel's model.json (`format: 'graph-model'`) and its weight shards with `loadModel`'s checks and
 * builds it in memory (tfjs-converter's `GraphModel`, no fetch). A LayersModel file gets an error saying so.
 * @example const graph = await loadGraphModel('converted/model.json'); graph.execute(x);
 */
export async function loadGraphModel(path: string, options: LoadModelOptions = {}): Promise<GraphModel> {
  const o = { ...LOAD_DEFAULTS, ...options };
  const json = await readModelJson(path, o);
  if (!isGraphModelJson(json)) throw new ModelIoError('not-graph-model', MESSAGES.notGraphModel(path), path);
  return graphFromJson(json, path, o);
}

async function graphFromJson(
  json: Record<string, unknown>,
  path: string,
  o: Required<LoadModelOptions>,
): Promise<GraphModel> {
  const topology = json['modelTopology'] as { node?: unknown } | null;
  if (topology === null || typeof topology !== 'object' || !Array.isArray(topology.node))
    throw new ModelIoError('not-graph-model', MESSAGES.graphNoNodes(path), path);
  const { specs, data } = await readModelWeights(json, path, o);
  return buildGraphModel(topology as Record<string, unknown>, json['signature'], specs, data, path);
}
