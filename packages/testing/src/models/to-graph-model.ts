/** `toGraphModelArtifacts`: a LayersModel rewritten as the GraphModel tensorflowjs_converter would make of it. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { MESSAGES } from '../messages.js';
import { GraphBuilder, type GraphModelArtifacts } from './graph-builder.js';
import { dtype, shape } from './graph-def.js';
import { isTranslatable, TRANSLATABLE_LAYERS, TRANSLATORS } from './layer-translators.js';

/** Options of {@link toGraphModelArtifacts}. */
export interface ToGraphModelOptions {
  /**
   * Conv2D / Dense layers written as separate `Conv2D` (or `MatMul`) + `BiasAdd` + activation nodes instead of one
   * `_FusedConv2D` / `_FusedMatMul` (what grappler leaves when it cannot fuse). Default: none (all fused).
   */
  readonly unfused?: readonly string[];
}

const FN = 'toGraphModelArtifacts';

/**
 * Translates `model` (one input, one output, layers from {@link TRANSLATABLE_LAYERS}) into graph-model artifacts that
 * compute the same function in inference mode: a `Placeholder` named as the input layer (`[-1, h, w, c]`), nodes
 * named as the converter names them — `StatefulPartitionedCall/<model>/<layer>/<op>`, e.g.
 * `StatefulPartitionedCall/model/block1/conv/Conv2D`, weights as Const nodes `…/Conv2D/ReadVariableOp` and
 * `…/BiasAdd/ReadVariableOp` — and an `Identity` output node. Conv2D/Dense with a bias become `_FusedConv2D` /
 * `_FusedMatMul` with `fused_ops` [BiasAdd, Relu…] (grappler's remapper; a Conv2D only with a fusable activation)
 * unless listed in `options.unfused`; a linear Conv2D before BatchNormalization stays `Conv2D` + `BiasAdd`, the BN a `FusedBatchNormV3`; Dropout vanishes;
 * global average pooling is a `Mean` over axes [1, 2]; softmax a `Softmax` node. Weights are copied (the model may be
 * disposed afterwards). Unsupported layers or activations get an error naming the layer.
 * @example
 * const artifacts = toGraphModelArtifacts(functionalRgbNet({ seed: 1 }));
 * const graph = await tfc.loadGraphModel(tf.io.fromMemory(artifacts));
 */
export function toGraphModelArtifacts(
  model: tfl.LayersModel,
  options: ToGraphModelOptions = {},
): GraphModelArtifacts {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) throw new Error(MESSAGES.notSingleIo(FN));
  const unfused = new Set(options.unfused ?? []);
  const graph = new GraphBuilder();
  const input = model.inputs[0]!;
  const inputName = input.sourceLayer.name;
  graph.raw({
    name: inputName,
    op: 'Placeholder',
    attr: { dtype: dtype('DT_FLOAT'), shape: shape(input.shape.map((d) => d ?? -1)) },
  });
  // The graph node holding each layer's output.
  const outputOf = new Map<string, string>([[inputName, inputName]]);
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (className === 'InputLayer') continue;
    if (!isTranslatable(className))
      throw new Error(MESSAGES.unsupportedLayer(FN, layer.name, className, TRANSLATABLE_LAYERS));
    if (layer.inboundNodes.length !== 1)
      throw new Error(
        MESSAGES.unsupportedConfig(
          FN,
          layer.name,
          'is used more than once (shared layers are not translated)',
        ),
      );
    const node = layer.inboundNodes[0]!;
    const inputs = node.inputTensors.map((t) => outputOf.get(t.sourceLayer.name)!);
    const out = TRANSLATORS[className]({
      graph,
      layer,
      inputs,
      prefix: `StatefulPartitionedCall/${model.name}/${layer.name}`,
      fuse: !unfused.has(layer.name),
      inputShape: node.inputTensors[0]!.shape,
    });
    outputOf.set(layer.name, out);
  }
  const output = model.outputs[0]!;
  graph.op('Identity', 'Identity', [outputOf.get(output.sourceLayer.name)!]);
  const info = (name: string, dims: readonly (number | null)[]) => ({
    name,
    dtype: 'DT_FLOAT' as const,
    tensorShape: { dim: dims.map((d) => ({ size: String(d ?? -1) })) },
  });
  return graph.build({
    inputs: { [inputName]: info(`${inputName}:0`, input.shape) },
    outputs: { [output.sourceLayer.name]: info('Identity:0', output.shape) },
  });
}
