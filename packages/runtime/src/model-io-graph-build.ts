/** `buildGraphModel`: a GraphModel from a checked GraphDef and weight bytes; finite weights only, nothing leaked. */
import * as tf from '@tensorflow/tfjs-core';
import { GraphModel } from '@tensorflow/tfjs-converter';
import { MESSAGES } from './messages.js';
import { decodeFiniteWeights } from './model-io-build.js';
import { ModelIoError } from './model-io-error.js';

/**
 * Builds the GraphModel of the model.json at `path` in memory (no fetch, no file handler): (1) decodes the weights
 * and refuses any float weight holding NaN or ±Inf, naming it; (2) compiles the GraphDef `topology` with its
 * `signature` through tfjs-converter's `GraphModel.loadSync`. Browser-safe (no Node imports), so a page can build a
 * model from dropped files. On failure every tensor made here is disposed.
 * @example const model = await buildGraphModel(json.modelTopology, json.signature, specs, data, 'model.json');
 */
export async function buildGraphModel(
  topology: Record<string, unknown>,
  signature: unknown,
  specs: tf.io.WeightsManifestEntry[],
  data: ArrayBuffer,
  path: string,
): Promise<GraphModel> {
  // 1. Decode and check (the GraphModel decodes its own copy when it compiles).
  tf.dispose(Object.values(await decodeFiniteWeights(data, specs, path)));
  // 2. Compile; a failure half-way (an unknown op, a malformed node) leaves its decoded weights to the tidy.
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: { ...topology, versions: topology['versions'] ?? { producer: 0 } },
    weightSpecs: specs,
    weightData: data,
    format: 'graph-model',
    ...(signature === undefined || signature === null ? {} : { signature: signature as object }),
  };
  const model = new GraphModel(tf.io.fromMemory(artifacts));
  try {
    tf.tidy(() => {
      model.loadSync(artifacts);
      return Object.values(model.weights).flat();
    });
  } catch (error) {
    throw new ModelIoError('bad-topology', MESSAGES.graphBadTopology(path, reasonOf(error)), path, {
      cause: error,
    });
  }
  return model;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
