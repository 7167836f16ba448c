/** Finds the first Conv2D layer (or graph conv node) of a model and reads its kernels as plain arrays. */
import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { GraphModelAdapter, ImageModel } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';

/** First-layer kernels `[kh, kw, cin, cout]` row-major, with the layer's name and bias. */
export interface FirstConvKernels {
  readonly layer: string;
  readonly kernel: Float32Array;
  readonly shape: readonly [number, number, number, number];
  readonly bias: Float32Array | undefined;
}

/** Graph ops that are a Conv2D (plain, or fused with its bias and activation). */
const GRAPH_CONV_OPS = ['Conv2D', '_FusedConv2D'];

/**
 * The first `Conv2D` layer's kernels (a copy), or an error listing the layers when there is none. Takes a LayersModel
 * or any `ImageModel`; for a graph model, the first Conv2D / _FusedConv2D node (input to output) — its filter Const
 * and its bias (the fused `BiasAdd` argument, or the Const of the `BiasAdd` node that reads it), named by the node.
 * @example firstConvKernels(adapter).shape // [5, 5, 1, 16] for the MNIST CNN
 */
export function firstConvKernels(
  model: tfl.LayersModel | ImageModel,
  fn = 'firstConvKernels',
): FirstConvKernels {
  if ('kind' in model && model.kind === 'graph') return graphFirstConv(model as GraphModelAdapter, fn);
  const layers = 'kind' in model ? (model as ImageModel & { model: tfl.LayersModel }).model : model;
  const layer = layers.layers.find((l) => l.getClassName() === 'Conv2D');
  if (layer === undefined)
    throw new Error(
      MESSAGES.noConvLayer(
        fn,
        layers.layers.map((l) => l.name),
      ),
    );
  const [kernel, bias] = layer.getWeights();
  return {
    layer: layer.name,
    kernel: Float32Array.from(kernel!.dataSync()),
    shape: kernel!.shape as [number, number, number, number],
    bias: bias === undefined ? undefined : Float32Array.from(bias.dataSync()),
  };
}

function graphFirstConv(adapter: GraphModelAdapter, fn: string): FirstConvKernels {
  const byName = new Map(adapter.nodes.map((n) => [n.name, n]));
  const conv = adapter
    .layers()
    .map((l) => byName.get(l.name)!)
    .find((n) => GRAPH_CONV_OPS.includes(n.op));
  if (conv === undefined)
    throw new Error(
      MESSAGES.noConvLayer(
        fn,
        adapter.layers().map((l) => l.name),
      ),
    );
  const weight = (name: string | undefined): tf.Tensor | undefined =>
    name === undefined ? undefined : adapter.model.weights[name]?.[0];
  const kernel = weight(conv.inputs[1])!;
  const fused = (conv.attr['fused_ops'] as { list?: { s?: string[] } } | undefined)?.list?.s ?? [];
  const biasName =
    conv.op === '_FusedConv2D'
      ? fused[0] !== undefined && atob(fused[0]) === 'BiasAdd'
        ? conv.inputs[2]
        : undefined
      : adapter.nodes.find((n) => n.op === 'BiasAdd' && n.inputs[0] === conv.name)?.inputs[1];
  const bias = weight(biasName);
  return {
    layer: conv.name,
    kernel: Float32Array.from(kernel.dataSync()),
    shape: kernel.shape as [number, number, number, number],
    bias: bias === undefined ? undefined : Float32Array.from(bias.dataSync()),
  };
}

/** Filter `f` as `[kh, kw, cin]` row-major. */
export function filterOf(k: FirstConvKernels, f: number): Float32Array {
  const [kh, kw, cin, cout] = k.shape;
  const out = new Float32Array(kh * kw * cin);
  for (let i = 0; i < kh * kw * cin; i++) out[i] = k.kernel[i * cout + f]!;
  return out;
}
