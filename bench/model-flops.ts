/**
 * Floating-point operations of a layers model per sample, counted from its layer shapes, so a benchmark can turn a
 * rate (samples/s) into GFLOP/s and set it against the machine's matrix-multiply ceiling.
 *
 * Every layer with a kernel (conv, depthwise conv, dense) is a matrix product: each output position does one
 * multiply-add per kernel entry (∏ kernel shape: kh·kw·in·out for a conv, in·out for a dense layer), so its forward
 * cost is 2 · (∏ output spatial dims) · (∏ kernel shape) FLOP. Activations, pooling and biases are O(outputs) and left
 * out (under 1% for convolutional nets). The backward pass of each such layer is two products of the same size (one
 * for the input gradient, one for the kernel gradient), so
 *  - inference = F (the forward sum),
 *  - input gradient (d output / d input, weights fixed) = F + Σ input gradients = 2F,
 *  - training step = F + Σ kernel gradients + Σ input gradients except the first layer's (nothing upstream needs it)
 *    = 3F − F_first.
 * The reference CNN: conv1 460,800 + conv2 1,638,400 + dense 10,240 = 2,109,440 FLOP forward (2.11 MFLOP).
 */

/** The part of a tfjs-layers `Layer` the count reads (structural, so this root file imports no tfjs package). */
export interface ShapedLayer {
  readonly name: string;
  readonly outputShape: readonly (number | null)[] | readonly (readonly (number | null)[])[];
  readonly weights: readonly { readonly name: string; readonly shape: readonly (number | null)[] }[];
}

/** Per-sample FLOP of one pass of each kind. */
export interface ModelFlops {
  /** Forward pass (inference). */
  readonly forward: number;
  /** Forward + the gradient with respect to the input (no kernel gradients): 2 × forward. */
  readonly inputGradient: number;
  /** Forward + kernel gradients + input gradients of every layer but the first: 3 × forward − first layer's. */
  readonly training: number;
  /** Forward FLOP of each layer that has a kernel, in model order. */
  readonly layers: readonly { readonly name: string; readonly flops: number }[];
}

const product = (dims: readonly (number | null)[]) => dims.reduce<number>((p, d) => p * (d ?? 1), 1);

/**
 * Forward FLOP per sample of one layer: 2 · (∏ output dims between batch and channels) · (∏ kernel shape); 0 for a
 * layer without a `…/kernel` weight.
 * @example layerFlops(model.getLayer('conv1')) // 460800 for the reference CNN's conv1
 */
export function layerFlops(layer: ShapedLayer): number {
  const kernel = layer.weights.find((w) => w.name.endsWith('kernel') || w.name.endsWith('depthwise_kernel'));
  if (kernel === undefined) return 0;
  const out = layer.outputShape;
  if (Array.isArray(out[0])) throw new Error(`layerFlops: layer ${layer.name} has several outputs`);
  const spatial = (out as readonly (number | null)[]).slice(1, -1);
  return 2 * product(spatial) * product(kernel.shape);
}

/**
 * Per-sample FLOP of inference, an input gradient and a training step for a sequential model's `layers`.
 * @example const { forward, training } = modelFlops(buildReferenceCnn({ seed: 0 }).layers); // 2,109,440 and 5,867,520
 */
export function modelFlops(layers: readonly ShapedLayer[]): ModelFlops {
  const perLayer = layers.map((l) => ({ name: l.name, flops: layerFlops(l) })).filter((l) => l.flops > 0);
  const forward = perLayer.reduce((s, l) => s + l.flops, 0);
  const first = perLayer[0]?.flops ?? 0;
  return { forward, inputGradient: 2 * forward, training: 3 * forward - first, layers: perLayer };
}
