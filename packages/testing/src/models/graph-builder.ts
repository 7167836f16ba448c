/** `GraphBuilder`: collects GraphDef nodes and their Const weights, then assembles graph-model artifacts. */
import type { GraphAttr, GraphDef, GraphNode } from './graph-def.js';
import { constNode, dtype } from './graph-def.js';

/** A weight spec of a graph model: the Const node's name, shape and dtype. */
export interface GraphWeightSpec {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: 'float32' | 'int32';
}

/** One signature entry: the tensor name (`node:0`), its dtype and shape. */
export interface GraphTensorInfo {
  readonly name: string;
  readonly dtype: 'DT_FLOAT';
  readonly tensorShape: { readonly dim: readonly { readonly size: string }[] };
}

/** The `signature` of a converted model.json: `inputs` and `outputs` by key. */
export interface GraphSignature {
  readonly inputs: Readonly<Record<string, GraphTensorInfo>>;
  readonly outputs: Readonly<Record<string, GraphTensorInfo>>;
}

/** What {@link toGraphModelArtifacts} returns: tfjs `ModelArtifacts` of a graph model, weights in memory. */
export interface GraphModelArtifacts {
  readonly modelTopology: GraphDef;
  readonly weightSpecs: GraphWeightSpec[];
  readonly weightData: ArrayBuffer;
  readonly format: 'graph-model';
  /** The converter's signature: input and output keys to tensor names (`image` → `image:0`). */
  readonly signature: GraphSignature;
  readonly generatedBy: string;
  readonly convertedBy: string;
}

/** Collects nodes (in topological order) and Const values; `build` lays the values out as one weight buffer. */
export class GraphBuilder {
  readonly #nodes: GraphNode[] = [];
  readonly #weights: { spec: GraphWeightSpec; values: Float32Array | Int32Array }[] = [];
  readonly #names = new Set<string>();

  /** Adds an op node with `T: DT_FLOAT` plus `attr`; returns its name (the input name of its consumers). */
  op(name: string, op: string, input: readonly string[], attr: Record<string, GraphAttr> = {}): string {
    return this.raw({ name, op, input, attr: { T: dtype('DT_FLOAT'), ...attr } });
  }

  /** Adds a node as given. */
  raw(node: GraphNode): string {
    if (this.#names.has(node.name)) throw new Error(`GraphBuilder: node '${node.name}' is added twice.`);
    this.#names.add(node.name);
    this.#nodes.push(node);
    return node.name;
  }

  /** Adds a Const node holding `values` (copied) of `shape`; returns its name. */
  constant(name: string, shape: readonly number[], values: Float32Array | Int32Array): string {
    const type = values instanceof Int32Array ? 'int32' : 'float32';
    this.raw(constNode(name, shape, type));
    this.#weights.push({ spec: { name, shape: [...shape], dtype: type }, values: values.slice() });
    return name;
  }

  /** The artifacts: the GraphDef and every Const's bytes, concatenated in the order of `weightSpecs`. */
  build(signature: GraphSignature): GraphModelArtifacts {
    const bytes = this.#weights.reduce((n, w) => n + w.values.byteLength, 0);
    const data = new Uint8Array(bytes);
    let offset = 0;
    for (const { values } of this.#weights) {
      data.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), offset);
      offset += values.byteLength;
    }
    return {
      modelTopology: { node: this.#nodes, versions: { producer: 1286 }, library: {} },
      weightSpecs: this.#weights.map((w) => w.spec),
      weightData: data.buffer,
      format: 'graph-model',
      signature,
      generatedBy: '2.15.0',
      convertedBy: '@openbox/testing toGraphModelArtifacts',
    };
  }
}
