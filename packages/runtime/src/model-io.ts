/** Saves and loads tfjs LayersModels on disk (model.json + weight shards) without tfjs-node. */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { MESSAGES } from './messages.js';

const WEIGHTS_FILE = 'weights.bin';
const MODEL_FILE = 'model.json';

const BYTES_PER_DTYPE: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, float16: 2 };

function weightBytes(specs: readonly tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((total, spec) => {
    const perElement = spec.quantization
      ? (BYTES_PER_DTYPE[spec.quantization.dtype] ?? 4)
      : (BYTES_PER_DTYPE[spec.dtype] ?? 4);
    return total + spec.shape.reduce((a, b) => a * b, 1) * perElement;
  }, 0);
}

/**
 * Save `model` as `dir/model.json` and `dir/weights.bin` (the layout tfjs's `file://` handler uses).
 * Files are written to temporary names and renamed, so a reader never sees half a model.
 * @example await saveModel(model, '/tmp/my-cnn');
 */
export async function saveModel(model: tfl.LayersModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData;
      if (weights === undefined || artifacts.weightSpecs === undefined)
        throw new Error(MESSAGES.saveNoWeights(dir));
      const data = Array.isArray(weights) ? tf.io.concatenateArrayBuffers(weights) : (weights as ArrayBuffer);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs }],
      };
      const suffix = `.${process.pid}.tmp`;
      await writeFile(join(dir, WEIGHTS_FILE + suffix), Buffer.from(data));
      await writeFile(join(dir, MODEL_FILE + suffix), JSON.stringify(modelJson));
      await rename(join(dir, WEIGHTS_FILE + suffix), join(dir, WEIGHTS_FILE));
      await rename(join(dir, MODEL_FILE + suffix), join(dir, MODEL_FILE));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
}

async function readModelJson(path: string): Promise<Record<string, unknown>> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new Error(MESSAGES.modelMissing(path));
  if (!info.isFile()) throw new Error(MESSAGES.modelNotFile(path));
  const text = await readFile(path, 'utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object') throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new Error(MESSAGES.modelBadJson(path, error instanceof Error ? error.message : String(error)));
  }
}

async function readShards(modelPath: string, manifest: tf.io.WeightsManifestConfig): Promise<ArrayBuffer> {
  const folder = dirname(modelPath);
  const buffers: Buffer[] = [];
  for (const group of manifest) {
    for (const shard of group.paths) {
      const shardPath = resolve(folder, shard);
      const rel = relative(folder, shardPath);
      if (rel.startsWith('..') || isAbsolute(rel))
        throw new Error(MESSAGES.weightsPathEscapes(shard, modelPath));
      buffers.push(
        await readFile(shardPath).catch(() =>
          Promise.reject(new Error(MESSAGES.weightsMissing(shardPath, modelPath))),
        ),
      );
    }
  }
  const joined = Buffer.concat(buffers);
  return joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength) as ArrayBuffer;
}

/**
 * Load a LayersModel from the path of its `model.json` on disk, with its weight shards (paths relative to it).
 * Clear errors for a missing file, bad JSON, a file that is not a LayersModel, missing or short weights.
 * @example const model = await loadModel('/tmp/my-cnn/model.json');
 */
export async function loadModel(modelJsonPath: string): Promise<tfl.LayersModel> {
  const json = await readModelJson(modelJsonPath);
  if (json['modelTopology'] === undefined || json['modelTopology'] === null)
    throw new Error(MESSAGES.modelNoTopology(modelJsonPath));
  const manifest = json['weightsManifest'] as tf.io.WeightsManifestConfig | undefined;
  if (!Array.isArray(manifest)) throw new Error(MESSAGES.modelNoManifest(modelJsonPath));
  const weightSpecs = manifest.flatMap((group) => group.weights);
  const weightData = await readShards(modelJsonPath, manifest);
  const expected = weightBytes(weightSpecs);
  if (weightData.byteLength < expected)
    throw new Error(MESSAGES.weightsShort(modelJsonPath, expected, weightData.byteLength));
  return tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json['modelTopology'] as object, weightSpecs, weightData }),
  );
}

/** Remove a saved model folder's files (used to clear stale caches). */
export async function removeModel(dir: string): Promise<void> {
  await rm(join(dir, MODEL_FILE), { force: true });
  await rm(join(dir, WEIGHTS_FILE), { force: true });
}
