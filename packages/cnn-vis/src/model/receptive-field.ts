/** Receptive fields of conv/pool units: which input pixels a unit at (y, x) of a layer (or graph node) can see. */
import type * as tfl from '@tensorflow/tfjs-layers';
import {
  INPUT_LAYER,
  LOGITS_LAYER,
  requireLayersModel,
  type GraphModelAdapter,
  type GraphNodeInfo,
  type ImageModel,
} from '@openbox/runtime';

/** A rectangle in input pixels, clipped to the image: rows `y0..y1 − 1`, columns `x0..x1 − 1`. */
export interface InputBox {
  readonly y0: number;
  readonly x0: number;
  readonly y1: number;
  readonly x1: number;
}

interface Geometry {
  /** Input pixels between neighbouring units. */
  jump: number;
  /** Receptive-field side in input pixels. */
  size: number;
  /** Input coordinate of the first unit's field start (may be negative with 'same' padding). */
  start: number;
}

/** A sliding window: kernel extent `k` (dilation included), stride `s`, 'same' padding or not. */
type Window = { k: number; s: number; same: boolean } | undefined;

/** One node of the model's DAG: its window (none for layers that keep positions) and its inputs. */
interface DagNode {
  readonly window: Window;
  readonly inputs: readonly string[];
}

const first = (v: unknown, fallback: number): number =>
  Array.isArray(v) ? Number(v[0]) : v === undefined || v === null ? fallback : Number(v);

function layerGeometry(config: Record<string, unknown>, className: string): Window {
  if (className === 'Conv2D' || className === 'DepthwiseConv2D' || className === 'SeparableConv2D') {
    const dilation = first(config.dilationRate, 1);
    return {
      k: (first(config.kernelSize, 1) - 1) * dilation + 1,
      s: first(config.strides, 1),
      same: config.padding === 'same',
    };
  }
  if (className === 'MaxPooling2D' || className === 'AveragePooling2D') {
    const k = first(config.poolSize, 2);
    return { k, s: first(config.strides, k), same: config.padding === 'same' };
  }
  return undefined;
}

const CONV_OPS = ['Conv2D', '_FusedConv2D', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative'];
const POOL_OPS = ['MaxPool', 'AvgPool'];

/** A graph node's window from its attrs (`strides`, `padding`, `dilations`, `ksize`) and its filter Const's shape. */
function nodeGeometry(node: GraphNodeInfo, byName: ReadonlyMap<string, GraphNodeInfo>): Window {
  const attr = node.attr as Record<string, { list?: { i?: unknown[] }; s?: string }>;
  const second = (key: string): number => Number(attr[key]?.list?.i?.[1] ?? 1);
  const same = attr['padding']?.s !== undefined && atob(attr['padding'].s).toUpperCase() === 'SAME';
  if (POOL_OPS.includes(node.op)) return { k: second('ksize'), s: second('strides'), same };
  if (!CONV_OPS.includes(node.op)) return undefined;
  const filter = byName.get(node.inputs[1] ?? '');
  const value = filter?.attr['value'] as
    { tensor?: { tensorShape?: { dim?: { size: string }[] } } } | undefined;
  const kernel = Number(value?.tensor?.tensorShape?.dim?.[0]?.size ?? 1);
  return { k: (kernel - 1) * second('dilations') + 1, s: second('strides'), same };
}

/** The DAG of a LayersModel: each layer's inputs are the layers of its (last) inbound node. */
function layersDag(model: tfl.LayersModel): Map<string, DagNode> {
  const dag = new Map<string, DagNode>();
  for (const l of model.layers) {
    const node = l.inboundNodes[l.inboundNodes.length - 1];
    dag.set(l.name, {
      window: layerGeometry(l.getConfig() as Record<string, unknown>, l.getClassName()),
      inputs: node === undefined ? [] : node.inboundLayers.map((i) => i.name),
    });
  }
  return dag;
}

/** The DAG of a graph model: its compute nodes, each with its data inputs among them. */
function graphDag(adapter: GraphModelAdapter): Map<string, DagNode> {
  const byName = new Map(adapter.nodes.map((n) => [n.name, n]));
  const dag = new Map<string, DagNode>();
  for (const n of adapter.nodes) {
    if (n.op === 'Const') continue;
    dag.set(n.name, {
      window: nodeGeometry(n, byName),
      inputs: n.inputs.filter((i) => byName.get(i)?.op !== 'Const'),
    });
  }
  return dag;
}

/**
 * The geometry at `name`: the union of its inputs' fields (same jump; earliest start, farthest end), then its own
 * window: start −= pad·jump ('same': pad = ⌊(k−1)/2⌋), size += (k−1)·jump, jump ×= s.
 */
function geometryAt(name: string, dag: ReadonlyMap<string, DagNode>, memo: Map<string, Geometry>): Geometry {
  const known = memo.get(name);
  if (known !== undefined) return known;
  const node = dag.get(name);
  const inputs = (node?.inputs ?? []).filter((i) => dag.has(i)).map((i) => geometryAt(i, dag, memo));
  let g: Geometry = { jump: 1, size: 1, start: 0 };
  if (inputs.length > 0) {
    const start = Math.min(...inputs.map((i) => i.start));
    const end = Math.max(...inputs.map((i) => i.start + i.size));
    g = { jump: Math.max(...inputs.map((i) => i.jump)), size: end - start, start };
  }
  const w = node?.window;
  if (w !== undefined) {
    const padBefore = w.same ? Math.floor((w.k - 1) / 2) : 0;
    g = { start: g.start - padBefore * g.jump, size: g.size + (w.k - 1) * g.jump, jump: g.jump * w.s };
  }
  memo.set(name, g);
  return g;
}

/**
 * The input box seen by unit (y, x) of `layer` — a LayersModel layer or a graph model's node — from the conv/pool
 * windows on every path from the input to it (jump, size, start per axis; square kernels; 'same' padding offsets the
 * start by ⌊(k−1)/2⌋; where branches merge, the union of their fields). Layers and ops that keep spatial positions
 * (activations, batch norm, add) pass through. Graph windows come from the nodes' `strides` / `padding` /
 * `dilations` / `ksize` attrs and the filter Const's shape (Conv2D, _FusedConv2D, DepthwiseConv2dNative, MaxPool,
 * AvgPool). Square images assumed in both axes' geometry.
 * @example receptiveField(adapter, 'conv2', 3, 3) // { y0: 12, x0: 12, y1: 28, x1: 28 } for the MNIST CNN
 */
export function receptiveField(adapter: ImageModel, layer: string, y: number, x: number): InputBox {
  // A graph model's Keras layer name resolves to its node (`layer()` returns the node's name).
  const found = adapter.layer(layer, 'receptiveField').name;
  let dag: Map<string, DagNode>;
  let target = adapter.kind === 'graph' && found !== LOGITS_LAYER ? found : layer;
  if (adapter.kind === 'graph') {
    const graph = adapter as GraphModelAdapter;
    dag = graphDag(graph);
    if (layer === LOGITS_LAYER) target = graph.logitsName;
  } else {
    const model = requireLayersModel(adapter, 'receptiveField');
    dag = layersDag(model);
    if (layer === LOGITS_LAYER) target = model.layers[model.layers.length - 1]!.name;
  }
  const g =
    layer === INPUT_LAYER
      ? { jump: 1, size: 1, start: 0 }
      : geometryAt(target, dag, new Map<string, Geometry>());
  const [h, w] = adapter.inputShape;
  const y0 = g.start + y * g.jump;
  const x0 = g.start + x * g.jump;
  return {
    y0: Math.max(0, y0),
    x0: Math.max(0, x0),
    y1: Math.min(h, y0 + g.size),
    x1: Math.min(w, x0 + g.size),
  };
}
