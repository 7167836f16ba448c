/** The picked `model.json` and weight files → an `ImageModel` (a layers model or a graph model), read in the page. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { imageModelOf } from '@openbox/runtime/browser';
import type { ImageModel } from '@openbox/runtime/browser';
import { OWN_MODEL_MESSAGES as MESSAGES } from '../own-model-messages.js';

/** The parts of a model.json this page reads before handing the files to tfjs. */
interface ModelJsonHead {
  readonly format?: unknown;
  readonly modelTopology?: unknown;
  readonly weightsManifest?: readonly { readonly paths?: readonly unknown[] }[];
}

const baseName = (path: string): string => path.split('/').pop() ?? path;

/** Reads the one `.json` among `files`, checks that every weight file it names was picked, and tells the format. */
async function inspect(files: readonly File[]): Promise<{ json: File; weights: File[]; graph: boolean }> {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  const names = files.map((f) => f.name);
  if (jsons.length === 0) throw new Error(MESSAGES.noModelJson(names));
  if (jsons.length > 1) throw new Error(MESSAGES.twoModelJson(jsons.map((f) => f.name)));
  const json = jsons[0]!;
  let head: ModelJsonHead;
  try {
    head = JSON.parse(await json.text()) as ModelJsonHead;
  } catch (error) {
    throw new Error(MESSAGES.notModelJson(json.name, (error as Error).message));
  }
  if (typeof head !== 'object' || head === null || typeof head.modelTopology !== 'object')
    throw new Error(MESSAGES.notModelJson(json.name, 'it has no modelTopology object'));
  const wanted = (head.weightsManifest ?? []).flatMap((g) => (g.paths ?? []).map((p) => baseName(String(p))));
  const weights = files.filter((f) => f !== json);
  const missing = wanted.filter((w) => !weights.some((f) => f.name === w));
  if (missing.length > 0) throw new Error(MESSAGES.missingWeights(missing));
  const topology = head.modelTopology as { node?: unknown };
  return { json, weights, graph: head.format === 'graph-model' || Array.isArray(topology.node) };
}

/**
 * Loads the model from the picked files (`tf.io.browserFiles`: nothing leaves the page): a layers model
 * (`tfl.loadLayersModel`) becomes a `ModelAdapter`, a graph model (`format: "graph-model"`,
 * `tfconv.loadGraphModel`) a `GraphModelAdapter` whose layers are the graph's nodes (`imageModelOf`).
 * @example const adapter = await loadModelFiles([...input.files]);
 */
export async function loadModelFiles(files: readonly File[]): Promise<ImageModel> {
  const { json, weights, graph } = await inspect(files);
  const handler = tf.io.browserFiles([json, ...weights]);
  return imageModelOf(graph ? await loadGraphModel(handler) : await tfl.loadLayersModel(handler));
}
