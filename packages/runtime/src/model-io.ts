/** Saves and loads tfjs LayersModels on disk (model.json + weight shards) without tfjs-node, refusing bad files fast. */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { SafeIoError, sha256Hex, writeFileAtomic } from '@openbox/safe-io';
import { MESSAGES } from './messages.js';
import { buildLayersModel } from './model-io-build.js';
import { ModelIoError } from './model-io-error.js';
import {
  isGraphModelJson,
  LOAD_DEFAULTS,
  readModelJson,
  readModelWeights,
  type LoadModelOptions,
} from './model-io-read.js';

export type { LoadModelOptions } from './model-io-read.js';

const WEIGHTS_FILE = 'weights.bin';
const MODEL_FILE = 'model.json';

/** What {@link saveModel} wrote: the weights' size and SHA-256, and model.json's, for caches that verify them. */
export interface SavedModelInfo {
  readonly modelJsonBytes: number;
  readonly modelJsonSha256: string;
  readonly weightsBytes: number;
  readonly weightsSha256: string;
}

/**
 * Save `model` as `dir/model.json` and `dir/weights.bin` (the layout tfjs's `file://` handler uses). Each file is
 * written with `writeFileAtomic` (temp file, fsync, rename, folder fsync), weights first, so a reader never sees
 * half a file. Resolves to the sizes and SHA-256 digests of what was written.
 * @example const { weightsSha256 } = await saveModel(model, '/tmp/my-cnn');
 */
export async function saveModel(model: tfl.LayersModel, dir: string): Promise<SavedModelInfo> {
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ModelIoError('write-failed', MESSAGES.saveNoFolder(dir, code), dir, { cause: error });
  });
  let info: SavedModelInfo | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData;
      if (weights === undefined || artifacts.weightSpecs === undefined)
        throw new ModelIoError('no-weights', MESSAGES.saveNoWeights(dir), dir);
      const data = new Uint8Array(tf.io.concatenateArrayBuffers(weights as ArrayBuffer | ArrayBuffer[]));
      const modelJson = JSON.stringify({
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs }],
      });
      await write(join(dir, WEIGHTS_FILE), data);
      await write(join(dir, MODEL_FILE), modelJson);
      info = {
        modelJsonBytes: Buffer.byteLength(modelJson),
        modelJsonSha256: sha256Hex(modelJson),
        weightsBytes: data.byteLength,
        weightsSha256: sha256Hex(data),
      };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return info!;
}

/**
 * Load a LayersModel from the path of its `model.json`, with its weight shards (paths relative to it), in steps:
 * (1) read model.json — a regular file, at most 64 MiB, with a stall timeout; (2) parse it (errors quote only an
 * escaped excerpt); (3) refuse a GraphModel and anything without a modelTopology; (4) check the weightsManifest;
 * (5) read each shard — a regular file inside the folder, exactly the bytes the manifest needs; (6) decode, refuse
 * NaN/Inf weights, build the layers, check each weight's shape against its layer, set the weights.
 * Every failure is a {@link ModelIoError} naming the file (and layer), and leaves no tensor behind.
 * @example const model = await loadModel('/tmp/my-cnn/model.json');
 */
export async function loadModel(
  modelJsonPath: string,
  options: LoadModelOptions = {},
): Promise<tfl.LayersModel> {
  const o = { ...LOAD_DEFAULTS, ...options };
  const path = modelJsonPath;
  // 1–2. Read and parse model.json.
  const json = await readModelJson(path, o);
  // 3. A LayersModel, not a GraphModel (those load with loadImageModel / loadGraphModel).
  const topology = json['modelTopology'];
  if (isGraphModelJson(json)) throw new ModelIoError('graph-model', MESSAGES.graphModel(path), path);
  if (topology === null || typeof topology !== 'object' || Array.isArray(topology))
    throw new ModelIoError('not-layers-model', MESSAGES.modelNoTopology(path), path);
  // 4–5. The manifest and the shards it names.
  const { specs, data } = await readModelWeights(json, path, o);
  // 6. Decode, check, build.
  return buildLayersModel(topology, specs, data, path);
}

async function write(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch (error) {
    if (error instanceof SafeIoError)
      throw new ModelIoError(error.code, error.message.replace(/^writeFileAtomic:/, 'saveModel:'), path, {
        cause: error,
      });
    throw error;
  }
}

/** Remove a saved model folder's files (used to clear stale or damaged caches). */
export async function removeModel(dir: string): Promise<void> {
  await rm(join(dir, MODEL_FILE), { force: true });
  await rm(join(dir, WEIGHTS_FILE), { force: true });
}
