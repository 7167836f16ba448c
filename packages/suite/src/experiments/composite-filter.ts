/** `compositeFilter`: a conv unit's weights pushed back to input pixels through the layers below, nonlinearities ignored. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { SuiteError } from '../suite-error.js';
import { FIRST_LAYER_EASY_MESSAGES as M } from './first-layer-easy-messages.js';

const FN = 'compositeFilter';
/** Layers that keep every value where it is once their nonlinearity is ignored (ReLU → identity). */
const PASS_THROUGH = new Set([
  'InputLayer',
  'Activation',
  'ReLU',
  'LeakyReLU',
  'Dropout',
  'SpatialDropout2D',
]);

interface Spatial {
  readonly h: number;
  readonly w: number;
  readonly c: number;
}

const first = (v: unknown, fallback: number): number =>
  Array.isArray(v) ? Number(v[0]) : v === undefined || v === null ? fallback : Number(v);

/** `[null, h, w, c]` (or a list holding one) as h, w, c. */
function spatial(shape: tfl.Shape | tfl.Shape[], layer: string): Spatial {
  const s = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
  if (s.length !== 4) throw new SuiteError('invalid-argument', M.notSpatial(FN, layer, s));
  return { h: s[1]!, w: s[2]!, c: s[3]! };
}

/** Padding before the first row for tfjs's 'same' (⌊total/2⌋), 0 for 'valid'. */
function padBefore(same: boolean, inSize: number, outSize: number, k: number, s: number): number {
  return same ? Math.floor(Math.max((outSize - 1) * s + k - inSize, 0) / 2) : 0;
}

/**
 * The transpose of one layer applied to `g` (sensitivities of its output `[oh, ow, oc]`, row-major): the sensitivities
 * of its input. Conv2D: Σ over output positions and channels of g · kernel (a transposed convolution; bias dropped).
 * Max or average pooling: each output's sensitivity spread evenly over its k×k window, g/k² per cell (upsampling —
 * max pooling is treated as average pooling, the linear map nearest to it that ignores which input won).
 */
function transpose(layer: tfl.layers.Layer, g: Float64Array, out: Spatial, inp: Spatial): Float64Array {
  const cls = layer.getClassName();
  const cfg = layer.getConfig() as Record<string, unknown>;
  const gin = new Float64Array(inp.h * inp.w * inp.c);
  if (cls === 'Conv2D') {
    if (first(cfg.dilationRate, 1) !== 1)
      throw new SuiteError('invalid-argument', M.unsupportedLayer(FN, layer.name, 'Conv2D with dilation'));
    const [kernel] = layer.getWeights();
    const kw = kernel!.dataSync();
    const [kh, kwid] = kernel!.shape as [number, number, number, number];
    const s = first(cfg.strides, 1);
    const same = cfg.padding === 'same';
    const py = padBefore(same, inp.h, out.h, kh, s);
    const px = padBefore(same, inp.w, out.w, kwid, s);
    for (let yo = 0; yo < out.h; yo++)
      for (let xo = 0; xo < out.w; xo++)
        for (let co = 0; co < out.c; co++) {
          const v = g[(yo * out.w + xo) * out.c + co]!;
          if (v === 0) continue;
          for (let dy = 0; dy < kh; dy++)
            for (let dx = 0; dx < kwid; dx++) {
              const yi = yo * s + dy - py;
              const xi = xo * s + dx - px;
              if (yi < 0 || xi < 0 || yi >= inp.h || xi >= inp.w) continue;
              for (let ci = 0; ci < inp.c; ci++) {
                const at = (yi * inp.w + xi) * inp.c + ci;
                gin[at] = gin[at]! + v * kw[((dy * kwid + dx) * inp.c + ci) * out.c + co]!;
              }
            }
        }
    return gin;
  }
  if (cls === 'MaxPooling2D' || cls === 'AveragePooling2D') {
    const k = first(cfg.poolSize, 2);
    const s = first(cfg.strides, k);
    const same = cfg.padding === 'same';
    const py = padBefore(same, inp.h, out.h, k, s);
    const px = padBefore(same, inp.w, out.w, k, s);
    for (let yo = 0; yo < out.h; yo++)
      for (let xo = 0; xo < out.w; xo++)
        for (let c = 0; c < out.c; c++) {
          const v = g[(yo * out.w + xo) * out.c + c]! / (k * k);
          if (v === 0) continue;
          for (let dy = 0; dy < k; dy++)
            for (let dx = 0; dx < k; dx++) {
              const yi = yo * s + dy - py;
              const xi = xo * s + dx - px;
              if (yi < 0 || xi < 0 || yi >= inp.h || xi >= inp.w) continue;
              const at = (yi * inp.w + xi) * inp.c + c;
              gin[at] = gin[at]! + v;
            }
        }
    return gin;
  }
  if (PASS_THROUGH.has(cls)) return g;
  throw new SuiteError('invalid-argument', M.unsupportedLayer(FN, layer.name, cls));
}

/**
 * The linear filter over input pixels `[h, w, c]` (row-major, float64) of unit (`y`, `x`, `channel`) of conv layer
 * `layer` when every nonlinearity below and at it is ignored: ReLUs as identities, max pooling as average pooling.
 * Starting from a one-hot at the unit, each layer from `layer` down to the input is replaced by its transpose (a
 * transposed convolution for Conv2D, even upsampling for pooling). For the first conv layer this is the unit's own
 * kernel, placed at its receptive field; for a net without nonlinearities it is the exact gradient of the unit's
 * value with respect to the input (the network's end-to-end linear map). Biases do not enter. Supports sequential
 * chains of Conv2D (any stride, 'valid' or 'same', no dilation), pooling and pass-through layers.
 * @example compositeFilter(model, 'conv2', 0, 4, 4) // 784 weights, non-zero on the unit's 14×14 receptive field
 */
export function compositeFilter(
  model: tfl.LayersModel,
  layer: string,
  channel: number,
  y: number,
  x: number,
): Float64Array {
  // 1. The chain of layers from the input to `layer`.
  const end = model.layers.findIndex((l) => l.name === layer);
  if (end < 0)
    throw new SuiteError(
      'invalid-argument',
      M.unknownLayer(
        FN,
        layer,
        model.layers.map((l) => l.name),
      ),
    );
  const target = model.layers[end]!;
  if (target.getClassName() !== 'Conv2D')
    throw new SuiteError('invalid-argument', M.notConv(FN, layer, target.getClassName()));
  const top = spatial(target.outputShape, layer);
  if (![channel, y, x].every(Number.isInteger) || channel < 0 || channel >= top.c || y < 0 || y >= top.h)
    throw new SuiteError('invalid-argument', M.badUnit(FN, layer, channel, y, x, top));
  if (x < 0 || x >= top.w) throw new SuiteError('invalid-argument', M.badUnit(FN, layer, channel, y, x, top));
  // 2. A one-hot at the unit, pulled back layer by layer.
  let g: Float64Array = new Float64Array(top.h * top.w * top.c);
  g[(y * top.w + x) * top.c + channel] = 1;
  // Each layer's input is the previous layer's output (the model's input for the first): a sequential chain.
  const layers = model.layers.slice(0, end + 1).filter((l) => l.getClassName() !== 'InputLayer');
  const input = spatial(model.inputs[0]!.shape, 'input');
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i]!;
    const below = i === 0 ? input : spatial(layers[i - 1]!.outputShape, layers[i - 1]!.name);
    g = transpose(l, g, spatial(l.outputShape, l.name), below);
  }
  return g;
}
