/** `reinitializedGraphCopy`: a graph model with every conv/matmul filter redrawn (Glorot uniform) and biases zeroed. */
import * as tf from '@tensorflow/tfjs-core';
import { GraphModel } from '@tensorflow/tfjs-converter';
import { GraphModelAdapter } from '../model-adapter/graph-model-adapter.js';
import type { GraphNodeInfo } from '../model-adapter/graph-nodes.js';
import { createRng } from '../rng.js';
import { resolveInitializer } from './draw-initializer.js';

/** Options of {@link reinitializedGraphCopy}. */
export interface ReinitializedGraphCopyOptions {
  /** Every redrawn filter comes from `createRng(seed).fork('<filter Const name>')`. */
  readonly seed: number;
}

/** Ops whose second input is a filter (Keras kernel) redrawn, and whose fused `BiasAdd` argument is zeroed. */
const FILTER_OPS = [
  'Conv2D',
  '_FusedConv2D',
  'DepthwiseConv2dNative',
  'FusedDepthwiseConv2dNative',
  'MatMul',
  '_FusedMatMul',
];

/** The Const behind `name`, through Identity nodes (a weight read as `ReadVariableOp` → Identity → Const). */
function constOf(name: string | undefined, byName: ReadonlyMap<string, GraphNodeInfo>): string | undefined {
  let node = name === undefined ? undefined : byName.get(name);
  while (node !== undefined && node.op === 'Identity' && node.inputs.length === 1)
    node = byName.get(node.inputs[0]!);
  return node?.op === 'Const' ? node.name : undefined;
}

/** The Consts to redraw (filters) and to zero (biases: fused BiasAdd arguments and BiasAdd nodes' second input). */
function plan(nodes: readonly GraphNodeInfo[]): { filters: Map<string, string>; biases: Set<string> } {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const filters = new Map<string, string>();
  const biases = new Set<string>();
  for (const n of nodes) {
    if (FILTER_OPS.includes(n.op)) {
      const filter = constOf(n.inputs[1], byName);
      if (filter !== undefined && !filters.has(filter)) filters.set(filter, n.name);
      const fused = (n.attr['fused_ops'] as { list?: { s?: string[] } } | undefined)?.list?.s ?? [];
      const bias =
        fused[0] !== undefined && atob(fused[0]) === 'BiasAdd' ? constOf(n.inputs[2], byName) : undefined;
      if (bias !== undefined) biases.add(bias);
    }
    if (n.op === 'BiasAdd') {
      const bias = constOf(n.inputs[1], byName);
      if (bias !== undefined) biases.add(bias);
    }
  }
  return { filters, biases };
}

/**
 * The model-randomization control of a graph model (Adebayo et al. 2018, "Sanity Checks for Saliency Maps"): a new
 * GraphModel with the same GraphDef whose conv and matmul filters (Conv2D, _FusedConv2D, DepthwiseConv2dNative,
 * MatMul, _FusedMatMul) are redrawn Glorot-uniform — U(−√(6/(fanIn+fanOut)), +√(…)) with Keras's fans, tfjs-layers'
 * default kernel initializer, since a graph keeps no initializer configs — from the seeded generator of `rng.ts`;
 * biases (fused `BiasAdd` arguments and `BiasAdd` inputs) are zeroed, as tfjs-layers initializes them; every other
 * Const (BatchNorm statistics, folded BN constants, shapes, axes) is kept. Same seed, same weights. `adapter` is
 * never changed; the caller disposes the copy (`copy.model.dispose()`).
 * @example const control = reinitializedGraphCopy(adapter, { seed: 7 }); control.logits(x);
 */
export function reinitializedGraphCopy(
  adapter: GraphModelAdapter,
  options: ReinitializedGraphCopyOptions,
): GraphModelAdapter {
  const root = createRng(options.seed);
  const { filters, biases } = plan(adapter.nodes);
  const glorot = (node: string) =>
    resolveInitializer(
      { className: 'GlorotUniform', config: {} },
      { fn: 'reinitializedGraphCopy', layer: node, weight: 'filter' },
    );
  // 1. Every Const's values, redrawn, zeroed or copied, in GraphDef order.
  const specs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const n of adapter.nodes) {
    if (n.op !== 'Const') continue;
    const tensor = adapter.model.weights[n.name]?.[0];
    if (tensor === undefined) continue;
    const shape = [...tensor.shape];
    let values: Float32Array | Int32Array | Uint8Array;
    const owner = filters.get(n.name);
    if (owner !== undefined && tensor.dtype === 'float32') values = glorot(owner)(shape, root.fork(n.name));
    else if (biases.has(n.name) && tensor.dtype === 'float32') values = new Float32Array(tensor.size);
    else values = tensor.dataSync() as Float32Array | Int32Array | Uint8Array;
    specs.push({ name: n.name, shape, dtype: tensor.dtype as 'float32' | 'int32' | 'bool' });
    parts.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  const data = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    data.set(p, offset);
    offset += p.byteLength;
  }
  // 2. The same GraphDef and signature over the new weights.
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: adapter.graphDef,
    weightSpecs: specs,
    weightData: data.buffer,
    format: 'graph-model',
    ...(adapter.model.modelSignature === undefined ? {} : { signature: adapter.model.modelSignature }),
  };
  const model = new GraphModel(tf.io.fromMemory(artifacts));
  model.loadSync(artifacts);
  try {
    return new GraphModelAdapter(model, { inputShape: adapter.inputShape, graphDef: adapter.graphDef });
  } catch (error) {
    model.dispose();
    throw error;
  }
}
