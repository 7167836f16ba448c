/** The checked reading steps every model loader shares: model.json (capped, timed, parsed) and its weight shards. */
import type * as tf from '@tensorflow/tfjs-core';
import { readRegularFile, SafeIoError } from '@openbox/safe-io';
import { MESSAGES } from './messages.js';
import { ModelIoError } from './model-io-error.js';
import { parseModelJson } from './model-io-json.js';
import { checkWeightsManifest } from './model-io-manifest.js';
import { readWeightShards } from './model-io-shards.js';

/** Options of `loadModel`, `loadImageModel` and `loadGraphModel`. */
export interface LoadModelOptions {
  /** A read of model.json or a shard that stalls longer than this fails (`read-timeout`). Default 10,000 ms. */
  readonly timeoutMs?: number;
  /** The largest model.json read. Default 64 MiB. */
  readonly maxModelJsonBytes?: number;
  /** The most weight bytes a weightsManifest may describe. Default 2 GiB. */
  readonly maxWeightBytes?: number;
}

export const LOAD_DEFAULTS = {
  timeoutMs: 10_000,
  maxModelJsonBytes: 64 * 1024 * 1024,
  maxWeightBytes: 2 * 1024 * 1024 * 1024,
} as const satisfies Required<LoadModelOptions>;

/** The weights a model.json's manifest describes: every entry in manifest order, and their bytes concatenated. */
export interface ModelWeights {
  readonly specs: tf.io.WeightsManifestEntry[];
  readonly data: ArrayBuffer;
}

/** Steps 1–2 of loading: read model.json (a regular file, at most `maxModelJsonBytes`, stall timeout) and parse it. */
export async function readModelJson(
  path: string,
  o: Required<LoadModelOptions>,
): Promise<Record<string, unknown>> {
  try {
    const bytes = await readRegularFile(path, {
      maxBytes: o.maxModelJsonBytes,
      timeoutMs: o.timeoutMs,
      what: 'model.json',
      caller: 'loadModel',
      hint: 'raise options.maxModelJsonBytes',
    });
    return parseModelJson(bytes.toString('utf8'), path);
  } catch (error) {
    if (error instanceof SafeIoError)
      throw new ModelIoError(error.code, error.message, path, { cause: error });
    throw error;
  }
}

/** True when the parsed model.json is a GraphModel's (`format: 'graph-model'` or a GraphDef `node` list). */
export function isGraphModelJson(json: Record<string, unknown>): boolean {
  const topology = json['modelTopology'] as { node?: unknown } | null | undefined;
  return json['format'] === 'graph-model' || Array.isArray(topology?.node);
}

/** Steps 4–5: check the weightsManifest (names, shapes, dtypes, total size) and read every shard it names. */
export async function readModelWeights(
  json: Record<string, unknown>,
  path: string,
  o: Required<LoadModelOptions>,
): Promise<ModelWeights> {
  if (json['weightsManifest'] === undefined)
    throw new ModelIoError('bad-weights-manifest', MESSAGES.modelNoManifest(path), path);
  const groups = checkWeightsManifest(json['weightsManifest'], path, o.maxWeightBytes);
  const data = await readWeightShards(path, groups, o.timeoutMs);
  return { specs: groups.flatMap((g) => [...g.weights]), data };
}
