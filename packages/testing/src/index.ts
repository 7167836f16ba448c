/** @openbox/testing — test helpers shared by the OpenBox packages (private; a devDependency only). */

// Comparing numbers: one tolerance rule, |a − e| <= tol · max(1, |e|), and the measurement behind a tolerance
export { expectArraysClose, maxScaledDifference } from './expect-arrays-close.js';
export type { NestedNumbers, NumericArray, TensorLike } from './expect-arrays-close.js';

// Model fixtures: a functional RGB net, sharded layers models, the same net as a graph model
export { functionalRgbNet, FUNCTIONAL_RGB_NET_LAYERS } from './models/functional-rgb-net.js';
export type { FunctionalRgbNetOptions } from './models/functional-rgb-net.js';
export { toGraphModelArtifacts } from './models/to-graph-model.js';
export type { ToGraphModelOptions } from './models/to-graph-model.js';
export { TRANSLATABLE_LAYERS } from './models/layer-translators.js';
export type { TranslatableLayer } from './models/layer-translators.js';
export type { GraphModelArtifacts, GraphWeightSpec } from './models/graph-builder.js';
export type { GraphAttr, GraphDef, GraphNode } from './models/graph-def.js';
export { GraphBuilder } from './models/graph-builder.js';
export { noGradientGraphArtifacts, NO_GRADIENT_GRAPH_NODES } from './models/no-gradient-graph.js';
export type { GraphSignature, GraphTensorInfo } from './models/graph-builder.js';
export { constNode, graphAttrs } from './models/graph-def.js';
export { saveGraphModel, saveShardedLayersModel } from './models/save-sharded.js';
export type { ShardedModelFiles, ShardOptions } from './models/write-sharded.js';
