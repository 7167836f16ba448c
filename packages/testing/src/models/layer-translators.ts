/** How each tfjs-layers class becomes GraphDef nodes, as tensorflowjs_converter (after grappler) lays them out. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { MESSAGES } from '../messages.js';
import type { GraphBuilder } from './graph-builder.js';
import { bool, float, int, ints, str, strs } from './graph-def.js';

/** The layer classes {@link toGraphModelArtifacts} translates, declared once. */
export const TRANSLATABLE_LAYERS = [
  'Conv2D',
  'DepthwiseConv2D',
  'BatchNormalization',
  'Activation',
  'ReLU',
  'MaxPooling2D',
  'AveragePooling2D',
  'Add',
  'Concatenate',
  'Dropout',
  'GlobalAveragePooling2D',
  'Flatten',
  'Dense',
] as const;
export type TranslatableLayer = (typeof TRANSLATABLE_LAYERS)[number];

/** What a translator gets: the builder, the layer, its input node names, the node-name prefix, fusing on or off. */
export interface LayerContext {
  readonly graph: GraphBuilder;
  readonly layer: tfl.layers.Layer;
  readonly inputs: readonly string[];
  /** `StatefulPartitionedCall/<model>/<layer>`. */
  readonly prefix: string;
  /** Fuse bias and activation into `_FusedConv2D` / `_FusedMatMul` (grappler's remapper); false: separate nodes. */
  readonly fuse: boolean;
  /** The input's rank with the batch (for Concatenate's axis and Flatten). */
  readonly inputShape: readonly (number | null)[];
}

const FN = 'toGraphModelArtifacts';
/** TF op of each activation. */
const ACTIVATION_OPS: Readonly<Record<string, string>> = {
  relu: 'Relu',
  relu6: 'Relu6',
  elu: 'Elu',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  softmax: 'Softmax',
};
/** Activations tfjs-converter runs fused into `_FusedConv2D` / `_FusedMatMul`. */
const FUSABLE = ['relu', 'relu6', 'elu', 'sigmoid'];

type Config = Record<string, unknown>;
const configOf = (layer: tfl.layers.Layer): Config => layer.getConfig() as Config;
const pair = (v: unknown): [number, number] =>
  Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : [Number(v), Number(v)];

/** The layer's weights by their short name (`kernel`, `bias`, `gamma`, `moving_mean`, …), values copied out. */
function weightsOf(layer: tfl.layers.Layer): Map<string, { shape: number[]; values: Float32Array }> {
  return new Map(
    layer.weights.map((w) => {
      const value = w.read();
      return [
        w.originalName.split('/').pop()!,
        { shape: [...value.shape], values: Float32Array.from(value.dataSync()) },
      ];
    }),
  );
}

function activationOf(layer: tfl.layers.Layer): string {
  const a = configOf(layer)['activation'];
  const name = typeof a === 'string' ? a : 'linear';
  if (name !== 'linear' && ACTIVATION_OPS[name] === undefined)
    throw new Error(MESSAGES.unsupportedActivation(FN, layer.name, name));
  return name;
}

/** Applies `activation` after `x` as its own node (a no-op for linear). */
function activate(c: LayerContext, x: string, activation: string): string {
  if (activation === 'linear') return x;
  const op = ACTIVATION_OPS[activation]!;
  return c.graph.op(`${c.prefix}/${op}`, op, [x]);
}

/** Conv2D / Dense / DepthwiseConv2D: the core op, then bias and activation fused or as BiasAdd + activation nodes. */
function linearLayer(c: LayerContext, kind: 'conv' | 'depthwise' | 'dense'): string {
  const w = weightsOf(c.layer);
  const kernel = w.get(kind === 'depthwise' ? 'depthwise_kernel' : 'kernel')!;
  const bias = w.get('bias');
  const activation = activationOf(c.layer);
  const config = configOf(c.layer);
  const coreOp = kind === 'conv' ? 'Conv2D' : kind === 'depthwise' ? 'DepthwiseConv2dNative' : 'MatMul';
  const kernelName = c.graph.constant(`${c.prefix}/${coreOp}/ReadVariableOp`, kernel.shape, kernel.values);
  const biasName =
    bias === undefined
      ? undefined
      : c.graph.constant(`${c.prefix}/BiasAdd/ReadVariableOp`, bias.shape, bias.values);
  let attrs: Record<string, ReturnType<typeof str>> = {};
  if (kind !== 'dense') {
    if (config['dataFormat'] === 'channelsFirst')
      throw new Error(
        MESSAGES.unsupportedConfig(FN, c.layer.name, 'is channels-first; only NHWC is translated'),
      );
    const [sh, sw] = pair(config['strides'] ?? 1);
    const [dh, dw] = pair(config['dilationRate'] ?? 1);
    attrs = {
      strides: ints([1, sh, sw, 1]),
      padding: str(String(config['padding'] ?? 'valid').toUpperCase()),
      data_format: str('NHWC'),
      dilations: ints([1, dh, dw, 1]),
    };
  } else {
    if (c.inputShape.length !== 2)
      throw new Error(MESSAGES.unsupportedConfig(FN, c.layer.name, 'has an input of rank other than 2'));
    attrs = { transpose_a: bool(false), transpose_b: bool(false) };
  }
  const x = c.inputs[0]!;
  const fusedAct = FUSABLE.includes(activation);
  // Grappler fuses MatMul + BiasAdd always, Conv2D + BiasAdd when an activation follows (a linear conv feeding a
  // BatchNormalization stays Conv2D + BiasAdd here, the plain chain).
  if (c.fuse && biasName !== undefined && (kind === 'dense' || (kind === 'conv' && fusedAct))) {
    const ops = fusedAct ? ['BiasAdd', ACTIVATION_OPS[activation]!] : ['BiasAdd'];
    const fusedOp = kind === 'conv' ? '_FusedConv2D' : '_FusedMatMul';
    const name = `${c.prefix}/${fusedAct ? ACTIVATION_OPS[activation] : 'BiasAdd'}`;
    const out = c.graph.op(name, fusedOp, [x, kernelName, biasName], {
      ...attrs,
      fused_ops: strs(ops),
      num_args: int(1),
      epsilon: float(0),
      ...(kind === 'conv' ? { use_cudnn_on_gpu: bool(true) } : {}),
    });
    return fusedAct ? out : activate(c, out, activation);
  }
  const core = c.graph.op(`${c.prefix}/${coreOp}`, coreOp, [x, kernelName], attrs);
  const biased =
    biasName === undefined
      ? core
      : c.graph.op(`${c.prefix}/BiasAdd`, 'BiasAdd', [core, biasName], { data_format: str('NHWC') });
  return activate(c, biased, activation);
}

function batchNorm(c: LayerContext): string {
  const config = configOf(c.layer);
  const axis = Number(config['axis'] ?? -1);
  if (axis !== -1 && axis !== c.inputShape.length - 1)
    throw new Error(
      MESSAGES.unsupportedConfig(
        FN,
        c.layer.name,
        `normalizes axis ${axis}; only the last axis is translated`,
      ),
    );
  const w = weightsOf(c.layer);
  const mean = w.get('moving_mean')!;
  const channels = mean.shape[0]!;
  const or = (key: string, fill: number) =>
    w.get(key) ?? { shape: [channels], values: new Float32Array(channels).fill(fill) };
  const gamma = or('gamma', 1);
  const beta = or('beta', 0);
  const variance = w.get('moving_variance')!;
  const p = c.prefix;
  const inputs = [
    c.inputs[0]!,
    c.graph.constant(`${p}/ReadVariableOp`, gamma.shape, gamma.values),
    c.graph.constant(`${p}/ReadVariableOp_1`, beta.shape, beta.values),
    c.graph.constant(`${p}/FusedBatchNormV3/ReadVariableOp`, mean.shape, mean.values),
    c.graph.constant(`${p}/FusedBatchNormV3/ReadVariableOp_1`, variance.shape, variance.values),
  ];
  return c.graph.op(`${p}/FusedBatchNormV3`, 'FusedBatchNormV3', inputs, {
    epsilon: float(Number(config['epsilon'] ?? 1e-3)),
    data_format: str('NHWC'),
    is_training: bool(false),
    U: { type: 'DT_FLOAT' },
  });
}

function pool(c: LayerContext, op: 'MaxPool' | 'AvgPool'): string {
  const config = configOf(c.layer);
  const [kh, kw] = pair(config['poolSize'] ?? 2);
  const [sh, sw] = pair(config['strides'] ?? [kh, kw]);
  return c.graph.op(`${c.prefix}/${op}`, op, [c.inputs[0]!], {
    ksize: ints([1, kh, kw, 1]),
    strides: ints([1, sh, sw, 1]),
    padding: str(String(config['padding'] ?? 'valid').toUpperCase()),
    data_format: str('NHWC'),
  });
}

/** Every translatable class, keyed so that a class without a translator is a type error. */
export const TRANSLATORS = {
  Conv2D: (c) => linearLayer(c, 'conv'),
  DepthwiseConv2D: (c) => linearLayer(c, 'depthwise'),
  Dense: (c) => linearLayer(c, 'dense'),
  BatchNormalization: batchNorm,
  Activation: (c) => activate(c, c.inputs[0]!, activationOf(c.layer)),
  ReLU: (c) => activate(c, c.inputs[0]!, 'relu'),
  MaxPooling2D: (c) => pool(c, 'MaxPool'),
  AveragePooling2D: (c) => pool(c, 'AvgPool'),
  Add: (c) =>
    c.inputs.length === 2
      ? c.graph.op(`${c.prefix}/add`, 'AddV2', c.inputs)
      : c.graph.op(`${c.prefix}/add`, 'AddN', c.inputs, { N: int(c.inputs.length) }),
  Concatenate: (c) => {
    const rank = c.inputShape.length;
    const axis = Number(configOf(c.layer)['axis'] ?? -1);
    const name = `${c.prefix}/concat`;
    const axisConst = c.graph.constant(`${name}/axis`, [], Int32Array.of(axis < 0 ? axis + rank : axis));
    return c.graph.op(name, 'ConcatV2', [...c.inputs, axisConst], {
      N: int(c.inputs.length),
      Tidx: { type: 'DT_INT32' },
    });
  },
  // Inference graphs have no dropout: the converter's graph reads the input straight through.
  Dropout: (c) => c.inputs[0]!,
  GlobalAveragePooling2D: (c) => {
    const axes = c.graph.constant(`${c.prefix}/Mean/reduction_indices`, [2], Int32Array.of(1, 2));
    return c.graph.op(`${c.prefix}/Mean`, 'Mean', [c.inputs[0]!, axes], {
      keep_dims: bool(false),
      Tidx: { type: 'DT_INT32' },
    });
  },
  Flatten: (c) => {
    const size = c.inputShape.slice(1).reduce<number>((a, b) => a * Number(b), 1);
    const target = c.graph.constant(`${c.prefix}/Const`, [2], Int32Array.of(-1, size));
    return c.graph.op(`${c.prefix}/Reshape`, 'Reshape', [c.inputs[0]!, target], {
      Tshape: { type: 'DT_INT32' },
    });
  },
} as const satisfies Record<TranslatableLayer, (c: LayerContext) => string>;

/** True when tfjs-layers' `className` has a translator. */
export const isTranslatable = (className: string): className is TranslatableLayer =>
  (TRANSLATABLE_LAYERS as readonly string[]).includes(className);
