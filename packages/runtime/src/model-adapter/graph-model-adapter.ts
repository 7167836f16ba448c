/** `GraphModelAdapter`: the `ImageModel` view over a tfjs GraphModel, whose "layers" are the graph's compute nodes. */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { GraphHooks } from './execute-graph.js';
import { executeNodes, measureNodes } from './graph-execute.js';
import { resolveGraphInputShape } from './graph-input-shape.js';
import {
  computeNodes,
  graphDefOf,
  graphNodesOf,
  logitsNodeOf,
  nodeNameOf,
  type GraphDefJson,
  type GraphNodeInfo,
} from './graph-nodes.js';
import { scopeAlias } from './graph-scope-alias.js';
import type { ImageModel } from './image-model.js';
import { checkChannelOf, checkPositionOf } from './layer-checks.js';
import { INPUT_LAYER, LOGITS_LAYER, PRE_SUFFIX, type LayerInfo } from './layers-model-view.js';
import { ADAPTER_MESSAGES as MESSAGES } from './messages.js';

/** Options of {@link GraphModelAdapter}. */
export interface GraphModelAdapterOptions {
  /** `[height, width, channels]`; required when the graph's input leaves any of them unknown (-1). */
  readonly inputShape?: readonly [number, number, number];
  /** The GraphDef (`modelTopology`), for a GraphModel that does not keep its artifacts. Default: the model's own. */
  readonly graphDef?: { readonly node?: unknown };
}

const FN = 'GraphModelAdapter';

/**
 * Wraps an image GraphModel (`model.json` of format `graph-model`, e.g. from tensorflowjs_converter) as an
 * `ImageModel`. Layers are the graph's compute nodes downstream of the input, in topological order (no Const,
 * Placeholder or weight Identity), named by node name (`StatefulPartitionedCall/model/block1/conv/Conv2D`), with the
 * op as `className` and the output shape measured once, on construction, by running every node on a zero batch of
 * one (so an op TensorFlow.js cannot run fails here, not later). `activations` runs `model.execute` for just the
 * wanted nodes (intermediates are disposed by tfjs-converter); `logits` is the input of a final Softmax/Sigmoid (else
 * the output); `execute` feeds `hooks.replace` tensors in place of named nodes. Gradients flow through every op that
 * has one in TensorFlow.js. Browser-safe. The adapter owns no tensors (the model owns its weights).
 * @example
 * const adapter = new GraphModelAdapter(await loadGraphModel('model/model.json'));
 * const acts = adapter.activations(images, ['StatefulPartitionedCall/model/block2/add/add', 'logits']);
 */
export class GraphModelAdapter implements ImageModel {
  readonly kind = 'graph' as const;
  readonly model: GraphModel;
  readonly inputShape: readonly [number, number, number];
  readonly inputDims: readonly number[];
  /** The GraphDef JSON the model was built from. */
  readonly graphDef: GraphDefJson;
  /** Every GraphDef node (Const and Placeholder included), for geometry and re-initialization. */
  readonly nodes: readonly GraphNodeInfo[];
  /** The input placeholder's node name. */
  readonly inputName: string;
  /** The output node's name. */
  readonly outputName: string;
  /** The node whose value is the logits. */
  readonly logitsName: string;
  readonly #layers: readonly LayerInfo[];

  constructor(model: GraphModel, options: GraphModelAdapterOptions = {}) {
    if (model.inputs.length !== 1) throw new Error(MESSAGES.multiOutput(FN, 'input'));
    if (model.outputs.length !== 1) throw new Error(MESSAGES.multiOutput(FN, 'output'));
    this.model = model;
    this.inputShape = resolveGraphInputShape(model.inputs[0]!.shape, options.inputShape, FN);
    this.inputDims = [...this.inputShape];
    this.graphDef = graphDefOf(model, FN, options.graphDef);
    this.nodes = graphNodesOf(this.graphDef);
    this.inputName = nodeNameOf(model.inputs[0]!.name)!;
    this.outputName = nodeNameOf(model.outputs[0]!.name)!;
    this.logitsName = logitsNodeOf(this.nodes, this.outputName);
    this.#layers = measureNodes(
      model,
      this.inputName,
      this.inputShape,
      computeNodes(this.nodes, this.inputName),
      FN,
    );
  }

  /** Every compute node with a float output, input to output, with its output shape (batch first, `null`). */
  layers(): readonly LayerInfo[] {
    return this.#layers;
  }

  /** `input`, the nodes, `logits`. */
  layerNames(): readonly string[] {
    return [INPUT_LAYER, ...this.#layers.map((l) => l.name), LOGITS_LAYER];
  }

  /**
   * The node named `name` (or `input` / `logits`), or the last node of the layer scope `name` ends in (`block1/conv`
   * for `…/block1/conv/BiasAdd`, see `scopeAlias`: the returned `name` is then the node's), or an error naming `fn`
   * and listing the nodes.
   */
  layer(name: string, fn = 'GraphModelAdapter.layer'): LayerInfo {
    if (name === INPUT_LAYER)
      return {
        name,
        className: 'Input',
        outputShape: [null, ...this.inputShape],
        channels: this.inputShape[2],
      };
    if (name === LOGITS_LAYER) {
      const info =
        this.#layers.find((l) => l.name === this.logitsName) ?? this.#layers[this.#layers.length - 1]!;
      return { ...info, name, className: 'Logits' };
    }
    const info = this.#layers.find((l) => l.name === name);
    if (info !== undefined) return info;
    const aliased = scopeAlias(this.#layers, name, fn);
    if (aliased !== undefined) return aliased;
    if (name.endsWith(PRE_SUFFIX)) throw new Error(MESSAGES.graphNoPre(fn, name));
    throw new Error(
      MESSAGES.unknownLayer(
        fn,
        name,
        this.#layers.map((l) => l.name),
      ),
    );
  }

  checkChannel(layerName: string, channel: number, fn: string): void {
    checkChannelOf(this.layer(layerName, fn), layerName, channel, fn);
  }

  checkPosition(layerName: string, x: number, y: number, fn: string): void {
    checkPositionOf(this.layer(layerName, fn), layerName, x, y, fn);
  }

  /**
   * Several nodes' values in one `model.execute`; `input` returns `images` itself. The caller owns the returned
   * tensors (a name asked twice, e.g. `logits` and its node, gets its own copy).
   */
  activations(images: tf.Tensor, names: readonly string[]): Record<string, tf.Tensor> {
    return this.#run(images, names, new Map(), 'GraphModelAdapter.activations');
  }

  /**
   * `activations` with `hooks.replace`: the named nodes take the given tensors and what is upstream of them is not
   * evaluated (gradients with respect to a hidden node). `hooks.activation` / `hooks.maxPool` need a LayersModel.
   */
  execute(images: tf.Tensor, names: readonly string[], hooks: GraphHooks): Record<string, tf.Tensor> {
    const fn = 'GraphModelAdapter.execute';
    if (hooks.activation !== undefined) throw new Error(MESSAGES.graphHooks(fn, 'activation'));
    if (hooks.maxPool !== undefined) throw new Error(MESSAGES.graphHooks(fn, 'maxPool'));
    const replace = new Map<string, tf.Tensor>();
    for (const [name, value] of hooks.replace ?? new Map<string, tf.Tensor>()) {
      if (name === INPUT_LAYER) continue;
      replace.set(name === LOGITS_LAYER ? this.logitsName : this.layer(name, fn).name, value);
    }
    return this.#run(images, names, replace, fn);
  }

  /** Pre-softmax logits `[n, classes]`. */
  logits(images: tf.Tensor): tf.Tensor2D {
    return this.activations(images, [LOGITS_LAYER])[LOGITS_LAYER] as tf.Tensor2D;
  }

  /** Predicted class per image (argmax of the logits), read back to JS. */
  predictClasses(images: tf.Tensor): Int32Array {
    const classes = tf.tidy(() => tf.argMax(this.logits(images), 1));
    const values = Int32Array.from(classes.dataSync());
    classes.dispose();
    return values;
  }

  #run(
    images: tf.Tensor,
    names: readonly string[],
    replace: ReadonlyMap<string, tf.Tensor>,
    fn: string,
  ): Record<string, tf.Tensor> {
    const wanted = [...new Set(names)].filter((n) => n !== INPUT_LAYER);
    const nodeOf = new Map(
      wanted.map((n) => [n, n === LOGITS_LAYER ? this.logitsName : this.layer(n, fn).name]),
    );
    const out: Record<string, tf.Tensor> = {};
    if (names.includes(INPUT_LAYER)) out[INPUT_LAYER] = images;
    if (wanted.length === 0) return out;
    const targets = [...new Set(nodeOf.values())];
    const feed: tf.NamedTensorMap = { [this.inputName]: images, ...Object.fromEntries(replace) };
    const values = executeNodes(this.model, feed, targets, fn);
    const given = new Set<tf.Tensor>();
    for (const n of wanted) {
      const value = values[targets.indexOf(nodeOf.get(n)!)]!;
      out[n] = given.has(value) ? tf.clone(value) : value;
      given.add(value);
    }
    return out;
  }
}
