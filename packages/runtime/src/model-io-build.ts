/** `buildLayersModel`: a LayersModel from a checked topology and weight bytes; finite weights only, nothing leaked. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { MESSAGES } from './messages.js';
import { ModelIoError } from './model-io-error.js';
import { readAndDispose, scoped } from './scoped.js';

/**
 * Builds the model of the model.json at `path`: (1) decodes the weights; (2) refuses any float weight holding NaN or
 * ±Inf, naming the layer and the weight; (3) builds the layers from `topology`; (4) checks each weight's shape
 * against its layer's variable, naming both; (5) sets the weights. On any failure every tensor and variable made
 * here is disposed.
 */
export async function buildLayersModel(
  topology: object,
  specs: tf.io.WeightsManifestEntry[],
  data: ArrayBuffer,
  path: string,
): Promise<tfl.LayersModel> {
  // 1–2. Decode and check.
  const weights = await decodeFiniteWeights(data, specs, path);
  try {
    // 3. Build; 4–5. shapes and weights (optimizer state, if saved, is not part of the model).
    const model = await deserialize(topology, path);
    try {
      const modelWeights: tf.NamedTensorMap = {};
      for (const spec of specs) if (spec.group !== 'optimizer') modelWeights[spec.name] = weights[spec.name]!;
      checkShapes(model, modelWeights, path);
      try {
        model.loadWeights(modelWeights, true);
      } catch (error) {
        throw new ModelIoError('weights-mismatch', MESSAGES.weightsMismatch(path, reasonOf(error)), path, {
          cause: error,
        });
      }
      return model;
    } catch (error) {
      model.dispose();
      throw error;
    }
  } finally {
    tf.dispose(Object.values(weights));
  }
}

/**
 * 1–2. The weight bytes decoded by their specs (`weights-mismatch` when they do not fit) with every float weight
 * checked finite (`non-finite-weights`); the caller owns the tensors. On failure nothing is left behind.
 */
export async function decodeFiniteWeights(
  data: ArrayBuffer,
  specs: tf.io.WeightsManifestEntry[],
  path: string,
): Promise<tf.NamedTensorMap> {
  let weights: tf.NamedTensorMap;
  try {
    // tidy disposes what was made if decoding fails half-way.
    weights = tf.tidy(() => tf.io.decodeWeights(data, specs)) as tf.NamedTensorMap;
  } catch (error) {
    throw new ModelIoError('weights-mismatch', MESSAGES.weightsMismatch(path, reasonOf(error)), path, {
      cause: error,
    });
  }
  try {
    await checkFinite(weights, path);
  } catch (error) {
    tf.dispose(Object.values(weights));
    throw error;
  }
  return weights;
}

/** 2. Counts NaN and ±Inf in each float weight with one reduction per weight; throws `non-finite-weights` naming it. */
export async function checkFinite(weights: tf.NamedTensorMap, path: string): Promise<void> {
  for (const [name, tensor] of Object.entries(weights)) {
    if (tensor.dtype !== 'float32' || tensor.size === 0) continue;
    const bad = (
      await readAndDispose(scoped(() => tf.sum(tf.cast(tf.logicalNot(tf.isFinite(tensor)), 'int32'))))
    )[0]!;
    if (bad > 0) {
      const layer = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : name;
      throw new ModelIoError(
        'non-finite-weights',
        MESSAGES.nonFinite(path, layer, name, bad, tensor.size),
        path,
        {
          layer,
        },
      );
    }
  }
}

/**
 * `tfl.models.modelFromJSON` without weights. Its body runs synchronously up to its return when no manifest is
 * passed, so the variables it makes are exactly those registered during the call; if it fails they are disposed
 * (tfjs leaves the layers built before the failing one behind).
 */
async function deserialize(topology: object, path: string): Promise<tfl.LayersModel> {
  const before = new Set(Object.keys(tf.engine().registeredVariables));
  const pending = tfl.models.modelFromJSON({ modelTopology: topology } as tfl.ModelAndWeightsConfig);
  const made = Object.keys(tf.engine().registeredVariables).filter((name) => !before.has(name));
  try {
    return await pending;
  } catch (error) {
    for (const name of made) tf.engine().registeredVariables[name]?.dispose();
    throw new ModelIoError('bad-topology', MESSAGES.badTopology(path, reasonOf(error)), path, {
      cause: error,
    });
  }
}

/** 4. Matches weights to variables the way `Container.loadWeights` does and compares shapes. */
function checkShapes(model: tfl.LayersModel, weights: tf.NamedTensorMap, path: string): void {
  const targets = new Map<string, { layer: string; shape: readonly number[] }>();
  for (const layer of model.layers)
    for (const variable of layer.weights)
      targets.set(variable.originalName, { layer: layer.name, shape: variable.shape as number[] });
  for (const [name, tensor] of Object.entries(weights)) {
    const tokens = name.split('/');
    const target = targets.get(name) ?? targets.get([...tokens.slice(0, -2), tokens.at(-1)].join('/'));
    if (target !== undefined && target.shape.join() !== tensor.shape.join())
      throw new ModelIoError(
        'weight-shape-mismatch',
        MESSAGES.shapeMismatch(path, target.layer, name, tensor.shape, target.shape),
        path,
        { layer: target.layer },
      );
  }
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
