/** The nodes of a GraphModel's GraphDef as the adapter sees them: compute nodes on the input's path, in order. */
import type * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { ADAPTER_MESSAGES as MESSAGES } from './messages.js';

/** A GraphDef attr value in protobuf's JSON mapping (`{ s }`, `{ i }`, `{ list: { i } }`, …). */
export type GraphAttrValue = Readonly<Record<string, unknown>>;

/** One node of a GraphDef, its data inputs reduced to node names (control inputs `^x` and `:n` suffixes dropped). */
export interface GraphNodeInfo {
  readonly name: string;
  readonly op: string;
  readonly inputs: readonly string[];
  readonly attr: Readonly<Record<string, GraphAttrValue>>;
}

/** Ops that hold or pass weights, or do nothing: never a "layer". */
const NON_COMPUTE_OPS = new Set(['Const', 'Placeholder', 'PlaceholderWithDefault', 'NoOp']);

/** `name:0` → `name`; `^name` (a control input) → undefined. */
export function nodeNameOf(input: string): string | undefined {
  if (input.startsWith('^')) return undefined;
  const colon = input.indexOf(':');
  return colon === -1 ? input : input.slice(0, colon);
}

/** A GraphDef JSON as tfjs-converter reads it (`modelTopology` of a graph-model model.json). */
export interface GraphDefJson {
  readonly node: readonly unknown[];
  readonly [key: string]: unknown;
}

/**
 * The GraphDef of `model`. tfjs-converter keeps the loaded artifacts on the model (not in its public types);
 * `graphDef` (options of the adapter) overrides them for a model built otherwise.
 */
export function graphDefOf(model: GraphModel, fn: string, graphDef?: { node?: unknown }): GraphDefJson {
  const topology =
    graphDef ?? (model as unknown as { artifacts?: tf.io.ModelArtifacts }).artifacts?.modelTopology;
  if (!Array.isArray((topology as { node?: unknown } | undefined)?.node))
    throw new Error(MESSAGES.noGraphDef(fn));
  return topology as GraphDefJson;
}

/** The nodes of a GraphDef, inputs reduced to node names. */
export function graphNodesOf(graphDef: GraphDefJson): GraphNodeInfo[] {
  return graphDef.node.map((raw) => {
    const n = raw as { name: string; op: string; input?: string[]; attr?: Record<string, GraphAttrValue> };
    return {
      name: n.name,
      op: n.op,
      inputs: (n.input ?? []).map(nodeNameOf).filter((x): x is string => x !== undefined),
      attr: n.attr ?? {},
    };
  });
}

/**
 * The compute nodes downstream of `inputName`, in topological order (Kahn's algorithm, ties in GraphDef order):
 * no Const, Placeholder or NoOp, no Identity that only forwards a weight.
 */
export function computeNodes(nodes: readonly GraphNodeInfo[], inputName: string): GraphNodeInfo[] {
  const consumers = new Map<string, GraphNodeInfo[]>();
  for (const n of nodes) for (const i of n.inputs) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  // Nodes reachable from the input.
  const reachable = new Set<string>();
  const queue = [inputName];
  while (queue.length > 0) {
    for (const c of consumers.get(queue.pop()!) ?? [])
      if (!reachable.has(c.name)) {
        reachable.add(c.name);
        queue.push(c.name);
      }
  }
  const isCompute = (n: GraphNodeInfo): boolean => reachable.has(n.name) && !NON_COMPUTE_OPS.has(n.op);
  const kept = nodes.filter(isCompute);
  const keptNames = new Set(kept.map((n) => n.name));
  const pending = new Map(kept.map((n) => [n.name, n.inputs.filter((i) => keptNames.has(i)).length]));
  const order: GraphNodeInfo[] = [];
  const ready = kept.filter((n) => pending.get(n.name) === 0);
  while (ready.length > 0) {
    const n = ready.shift()!;
    order.push(n);
    for (const c of consumers.get(n.name) ?? []) {
      if (!keptNames.has(c.name)) continue;
      const left = pending.get(c.name)! - 1;
      pending.set(c.name, left);
      if (left === 0) ready.push(c);
    }
  }
  return order;
}

/** The node computing the logits: the input of the last Softmax / Sigmoid before the output (through Identity). */
export function logitsNodeOf(nodes: readonly GraphNodeInfo[], outputName: string): string {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  let node = byName.get(outputName);
  while (node !== undefined && node.op === 'Identity' && node.inputs.length === 1)
    node = byName.get(node.inputs[0]!);
  if (node !== undefined && (node.op === 'Softmax' || node.op === 'Sigmoid') && node.inputs.length === 1)
    return node.inputs[0]!;
  return outputName;
}
