/** `saveShardedLayersModel` and `saveGraphModel`: fixture models on disk in tensorflowjs_converter's sharded layout. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { MESSAGES } from '../messages.js';
import type { GraphModelArtifacts } from './graph-builder.js';
import { writeShardedModel, type ShardedModelFiles, type ShardOptions } from './write-sharded.js';

const CONVERTED_BY = 'TensorFlow.js Converter v4.22.0';

/**
 * Saves `model` as `dir/model.json` (`format: 'layers-model'`) plus `group1-shard1ofN.bin …` shards of at most
 * `options.shardBytes` each — the files `tensorflowjs_converter --output_format tfjs_layers_model` writes.
 * @example const { modelJson, shards } = await saveShardedLayersModel(model, dir, { shardBytes: 4096 });
 */
export async function saveShardedLayersModel(
  model: tfl.LayersModel,
  dir: string,
  options: ShardOptions = {},
): Promise<ShardedModelFiles> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
    }),
  );
  const a = artifacts!;
  if (a.weightData === undefined || a.weightSpecs === undefined)
    throw new Error(MESSAGES.noWeights('saveShardedLayersModel'));
  const data = tf.io.concatenateArrayBuffers(a.weightData as ArrayBuffer | ArrayBuffer[]);
  const json = {
    format: 'layers-model',
    generatedBy: a.generatedBy,
    convertedBy: CONVERTED_BY,
    modelTopology: a.modelTopology,
  };
  return writeShardedModel(dir, json, a.weightSpecs, data, options, 'saveShardedLayersModel');
}

/**
 * Saves graph-model artifacts (from `toGraphModelArtifacts`) as `dir/model.json` (`format: 'graph-model'`,
 * `modelTopology` with `node` and `versions`, the `signature`) plus sharded weights, as
 * `tensorflowjs_converter --output_format tfjs_graph_model` writes them.
 * @example await saveGraphModel(toGraphModelArtifacts(model), dir, { shardBytes: 4096, groups: 2 });
 */
export async function saveGraphModel(
  artifacts: GraphModelArtifacts,
  dir: string,
  options: ShardOptions = {},
): Promise<ShardedModelFiles> {
  const json = {
    format: 'graph-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: CONVERTED_BY,
    signature: artifacts.signature,
    modelTopology: artifacts.modelTopology,
  };
  return writeShardedModel(dir, json, artifacts.weightSpecs, artifacts.weightData, options, 'saveGraphModel');
}
