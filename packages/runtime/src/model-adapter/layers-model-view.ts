/** A uniform view over any tfjs LayersModel: layers, several activations in one pass, pre-activations, logits. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ADAPTER_MESSAGES as MESSAGES } from './messages.js';
import { executeGraph, preActivation, type GraphHooks } from './execute-graph.js';

/** The pseudo-layer name for the (transformed) model input. */
export const INPUT_LAYER = 'input';
/** The pseudo-layer name for the pre-softmax logits. */
export const LOGITS_LAYER = 'logits';

/** One layer of a model as the adapter sees it. */
export interface LayerInfo {
  readonly name: string;
  /** tfjs class name, e.g. `Conv2D`, `MaxPooling2D`, `Dense`. */
  readonly className: string;
  /** Output shape with the batch dimension first (`null`). */
  readonly outputShape: readonly (number | null)[];
  /** Last dimension of the output: channels of a conv layer, units of a dense layer. */
  readonly channels: number;
}

/** Activations by layer name, each with the batch as first dimension. */
export type Activations = Readonly<Record<string, tf.Tensor>>;

/** Suffix naming a Dense or Conv2D layer's output before its activation, e.g. `conv2:pre` (Lucid's `_pre_relu`). */
export const PRE_SUFFIX = ':pre';

interface LogitsPlan {
  /** Symbolic tensor whose value is needed to compute the logits. */
  readonly source: tfl.SymbolicTensor;
  /** Applies the last layer's kernel (and bias) without its softmax; identity when no softmax must be undone. */
  readonly finish: (x: tf.Tensor) => tf.Tensor;
}

function activationName(layer: tfl.layers.Layer): string | undefined {
  const config = layer.getConfig() as { activation?: unknown };
  return typeof config.activation === 'string' ? config.activation : undefined;
}

/**
 * A layer's output shape in this model. A nested model used as a layer has two inbound nodes (its own input and this
 * model's), where tfjs calls the shape ill-defined; the node this model uses is the last one.
 */
function outputShapeOf(layer: tfl.layers.Layer): (number | null)[] {
  try {
    return layer.outputShape as (number | null)[];
  } catch {
    const node = layer.inboundNodes[layer.inboundNodes.length - 1]!;
    return node.outputTensors[0]!.shape;
  }
}

/** A layer's (single) input or output tensor in this model: the last inbound node's, as in {@link outputShapeOf}. */
function symbolicOf(layer: tfl.layers.Layer, which: 'input' | 'output'): tfl.SymbolicTensor {
  try {
    return layer[which] as tfl.SymbolicTensor;
  } catch {
    const node = layer.inboundNodes[layer.inboundNodes.length - 1]!;
    return (which === 'input' ? node.inputTensors : node.outputTensors)[0]!;
  }
}

/** The layer's input plus its own kernel and bias applied without the activation (reads the live weights). */
function preActivationPlan(layer: tfl.layers.Layer): LogitsPlan {
  return { source: symbolicOf(layer, 'input'), finish: (x) => preActivation(layer, x) };
}

/**
 * What every adapter shares, whatever the input's rank: layers, several activations in one pass, pre-activations,
 * logits (pre-softmax, or pre-sigmoid for a sigmoid output). Sub-models that output several layers at once are built
 * on demand and cached; they share the model's weights, so the adapter owns no tensors and needs no disposal.
 * Use `ModelAdapter` (images, `model-adapter.ts`) or `VectorModelAdapter` (tables, `vector-model-adapter.ts`).
 */
export class LayersModelView {
  readonly model: tfl.LayersModel;
  /** Input size without the batch dimension: `[height, width, channels]` or `[features]`. */
  readonly inputDims: readonly number[];
  readonly #layers: readonly LayerInfo[];
  readonly #byName: ReadonlyMap<string, tfl.layers.Layer>;
  readonly #subModels = new Map<string, tfl.LayersModel>();
  #logits: LogitsPlan | undefined;

  /** `rank` is the input's rank with the batch (4 for images, 2 for tables); `fn` names the caller in errors. */
  protected constructor(model: tfl.LayersModel, rank: 2 | 4, fn: string) {
    if (model.inputs.length !== 1) throw new Error(MESSAGES.multiOutput(fn, 'input'));
    if (model.outputs.length !== 1) throw new Error(MESSAGES.multiOutput(fn, 'output'));
    const shape = model.inputs[0]!.shape;
    const dims = shape.slice(1);
    if (shape.length !== rank || dims.some((d) => typeof d !== 'number' || d < 1)) {
      throw new Error(rank === 4 ? MESSAGES.badInputShape(fn, shape) : MESSAGES.badVectorInput(fn, shape));
    }
    this.model = model;
    this.inputDims = dims as number[];
    const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
    this.#byName = new Map(layers.map((l) => [l.name, l]));
    this.#layers = layers.map((l) => {
      const outputShape = outputShapeOf(l);
      return {
        name: l.name,
        className: l.getClassName(),
        outputShape,
        channels: outputShape[outputShape.length - 1] ?? 0,
      };
    });
  }

  /** Every layer with its output shape, input to output. */
  layers(): readonly LayerInfo[] {
    return this.#layers;
  }

  /** Names accepted by {@link activations}: the model's layers plus `input` and `logits` (and `<dense or conv>:pre`). */
  layerNames(): readonly string[] {
    return [INPUT_LAYER, ...this.#layers.map((l) => l.name), LOGITS_LAYER];
  }

  /** The layer named `name`, or an error listing the layers that exist. */
  layer(name: string, fn = 'ModelAdapter.layer'): LayerInfo {
    if (name === INPUT_LAYER) {
      const dims = this.inputDims;
      return { name, className: 'Input', outputShape: [null, ...dims], channels: dims[dims.length - 1]! };
    }
    if (name === LOGITS_LAYER) {
      const last = this.#layers[this.#layers.length - 1]!;
      return { name, className: 'Logits', outputShape: last.outputShape, channels: last.channels };
    }
    const base = name.endsWith(PRE_SUFFIX) ? name.slice(0, -PRE_SUFFIX.length) : name;
    const info = this.#layers.find((l) => l.name === base);
    if (info === undefined)
      throw new Error(
        MESSAGES.unknownLayer(
          fn,
          name,
          this.#layers.map((l) => l.name),
        ),
      );
    if (base !== name) {
      const className = info.className;
      if (className !== 'Dense' && className !== 'Conv2D')
        throw new Error(MESSAGES.noPreActivation(fn, name, className));
      return { ...info, name };
    }
    return info;
  }

  /** Throws a message naming the layer's channel range when `channel` is outside it. */
  checkChannel(layerName: string, channel: number, fn: string): void {
    const { channels } = this.layer(layerName, fn);
    if (!Number.isInteger(channel) || channel < 0 || channel >= channels) {
      throw new Error(MESSAGES.channelOutOfRange(fn, layerName, channel, channels));
    }
  }

  /** Throws a message naming the layer's spatial extent when (x, y) is outside it. */
  checkPosition(layerName: string, x: number, y: number, fn: string): void {
    const { outputShape } = this.layer(layerName, fn);
    if (outputShape.length !== 4) throw new Error(MESSAGES.notSpatial(fn, layerName, outputShape));
    const height = outputShape[1] as number;
    const width = outputShape[2] as number;
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= width || y >= height) {
      throw new Error(MESSAGES.positionOutOfRange(fn, layerName, x, y, width, height));
    }
  }

  /**
   * Activations of several layers in one forward pass (inference mode).
   * `input` returns `images` itself; `logits` the pre-softmax scores even when the last layer applies softmax;
   * `<layer>:pre` a Dense or Conv2D layer's value before its activation (ReLU units that are 0 everywhere on the
   * initial grey image have no gradient; their pre-activation does).
   * The caller owns (and disposes, e.g. via `tf.tidy`) the returned tensors — except `input`, which is `images`
   * itself; disposing them frees every tensor the call made.
   */
  activations(images: tf.Tensor, names: readonly string[]): Record<string, tf.Tensor> {
    const wanted = [...new Set(names)].filter((n) => n !== INPUT_LAYER);
    for (const n of wanted) this.layer(n, 'ModelAdapter.activations');
    const out: Record<string, tf.Tensor> = {};
    if (names.includes(INPUT_LAYER)) out[INPUT_LAYER] = images;
    if (wanted.length === 0) return out;
    const plans = wanted.map((n) => this.#plan(n));
    const sources = [...new Set(plans.map((p) => p.source))];
    const key = wanted.join('\u0000');
    let sub = this.#subModels.get(key);
    if (sub === undefined) {
      sub = tfl.model({ inputs: this.model.inputs, outputs: sources });
      this.#subModels.set(key, sub);
    }
    const result = sub.apply(images, { training: false }) as tf.Tensor | tf.Tensor[];
    const values = Array.isArray(result) ? result : [result];
    // The finishing ops (kernel, bias of `logits` and `:pre`) run in a tidy, so only their result survives; a source
    // value that no name returns as is (the input of a `:pre` layer) is disposed here, so that disposing the returned
    // tensors frees everything this call made.
    const returned = new Set<tf.Tensor>();
    try {
      wanted.forEach((n, i) => {
        const plan = plans[i]!;
        const value = values[sources.indexOf(plan.source)]!;
        const finished = tf.tidy(() => plan.finish(value));
        out[n] = finished;
        returned.add(finished);
      });
    } catch (error) {
      for (const t of returned) t.dispose();
      returned.clear();
      throw error;
    } finally {
      for (const v of values) if (!returned.has(v) && v !== images) v.dispose();
    }
    return out;
  }

  /**
   * {@link activations} computed by walking the graph with hooks: replaced layer outputs (gradients with respect to a
   * hidden layer) and swapped nonlinearity or max-pool rules (guided backpropagation, DeepLIFT). Slower than
   * `activations` (no compiled sub-model); the caller owns the returned tensors, which a `tf.tidy` frees.
   */
  execute(images: tf.Tensor, names: readonly string[], hooks: GraphHooks): Record<string, tf.Tensor> {
    const wanted = [...new Set(names)];
    for (const n of wanted) if (n !== INPUT_LAYER) this.layer(n, 'ModelAdapter.execute');
    return tf.tidy(() => {
      const plans = wanted.map((n) =>
        n === INPUT_LAYER ? { source: this.model.inputs[0]!, finish: (x: tf.Tensor) => x } : this.#plan(n),
      );
      const values = executeGraph(
        this.model,
        images,
        plans.map((p) => p.source),
        hooks,
      );
      const out: Record<string, tf.Tensor> = {};
      wanted.forEach((n, i) => (out[n] = plans[i]!.finish(values[i]!)));
      return out;
    });
  }

  /** Pre-softmax logits `[n, classes]` (for a sigmoid output, its pre-activation: the log-odds). */
  logits(images: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => this.activations(images, [LOGITS_LAYER])[LOGITS_LAYER] as tf.Tensor2D);
  }

  /** Predicted class per image (argmax of the logits), read back to JS. */
  predictClasses(images: tf.Tensor): Int32Array {
    const classes = tf.tidy(() => tf.argMax(this.logits(images), 1));
    const values = classes.dataSync() as Int32Array;
    classes.dispose();
    return Int32Array.from(values);
  }

  /** How to compute `name`: a symbolic tensor of the model plus a finishing op (identity for plain layers). */
  #plan(name: string): LogitsPlan {
    if (name === LOGITS_LAYER) return this.#logitsPlan();
    if (name.endsWith(PRE_SUFFIX))
      return preActivationPlan(this.#byName.get(name.slice(0, -PRE_SUFFIX.length))!);
    return { source: symbolicOf(this.#byName.get(name)!, 'output'), finish: (x) => x };
  }

  #logitsPlan(): LogitsPlan {
    if (this.#logits !== undefined) return this.#logits;
    const last = this.model.layers[this.model.layers.length - 1]!;
    let plan: LogitsPlan = { source: symbolicOf(last, 'output'), finish: (x) => x };
    const activation = activationName(last);
    if (activation === 'softmax' || activation === 'sigmoid') {
      if (last.getClassName() === 'Activation')
        plan = { source: symbolicOf(last, 'input'), finish: (x) => x };
      else if (last.getClassName() === 'Dense') plan = preActivationPlan(last);
      else
        throw new Error(
          MESSAGES.unsupportedLogits('ModelAdapter.logits', last.name, last.getClassName(), activation),
        );
    }
    this.#logits = plan;
    return plan;
  }
}
