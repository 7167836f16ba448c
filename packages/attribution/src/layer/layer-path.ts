/**
 * What the path methods on a layer share (layer integrated gradients, conductance): their options resolved once, the
 * straight path x0 + α (x − x0) in input space for every node α, visited in blocks of nodes with the layer's values
 * and gradients there, and the convergence delta against the endpoints.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageModel } from '@openbox/runtime';
import { makeBaseline, type Baseline, type BaselineOptions } from '../baselines/make-baseline.js';
import { forwardValues } from '../core/forward-values.js';
import type { CommonOptions } from '../core/method.js';
import { prepare, tiledOwners, type ModelLike, type Prepared } from '../core/prepare.js';
import { QUADRATURE_RULES, type QuadratureRule } from '../core/quadrature.js';
import { MESSAGES } from '../messages.js';
import { checkLayer, layerGradients, type LayerOptions } from './layer-gradients.js';

/** Options of the path methods on a layer. */
export interface LayerPathOptions extends LayerOptions {
  /** The reference x0: a named baseline or a tensor `[1 | n, ...input]`. Default `zeros` (Captum's default). */
  readonly baselines?: Baseline;
  /** Data, blur σ, range and seed of a named baseline (see `makeBaseline`). Default `{}`. */
  readonly baselineOptions?: BaselineOptions;
  /** Steps along the path. Default 50 (Captum's `n_steps`). */
  readonly steps?: number;
  /** Quadrature rule for the nodes (and weights). Default `gauss-legendre` (Captum's `gausslegendre`). */
  readonly rule?: QuadratureRule;
}

/** A path method's call, checked: what `prepare` returns plus the layer, steps and rule. */
export interface PreparedPath extends Prepared {
  readonly layer: string;
  readonly steps: number;
  readonly rule: QuadratureRule;
}

/**
 * Checks every option (nothing is allocated before the last check, so an error leaks nothing).
 * @example const p = preparePath('layer-integrated-gradients', model, digits, options);
 */
export function preparePath(
  fn: string,
  model: ModelLike,
  inputs: tf.Tensor,
  options: CommonOptions & LayerPathOptions,
): PreparedPath {
  const prepared = prepare(fn, model, inputs, options);
  const layer = checkLayer(fn, prepared.adapter, options.layer, prepared.targets);
  const steps = options.steps ?? 50;
  if (!Number.isInteger(steps) || steps < 1 || steps > 10_000)
    throw new Error(MESSAGES.integerRange(fn, 'options.steps', steps, 1, 10_000));
  const rule = options.rule ?? 'gauss-legendre';
  if (!(QUADRATURE_RULES as readonly string[]).includes(rule))
    throw new Error(MESSAGES.unknownName(fn, 'options.rule', rule, QUADRATURE_RULES));
  return { ...prepared, layer, steps, rule };
}

/** The baseline `[n, ...input]` of a path method (the caller disposes it). */
export function pathBaseline(fn: string, inputs: tf.Tensor, options: LayerPathOptions): tf.Tensor {
  return makeBaseline(fn, options.baselines ?? 'zeros', inputs, options.baselineOptions ?? {});
}

/**
 * `[k·n, ...input]`: block k is x0 + α_k (x − x0) for every input (α-major, the owners are `tiledOwners(n, k)`).
 * @example const path = interpolate(inputs, baseline, quadrature('gauss-legendre', 50).alphas);
 */
export function interpolate(inputs: tf.Tensor, baseline: tf.Tensor, alphas: Float64Array): tf.Tensor {
  return tf.tidy(() => {
    const a = tf.tensor(Float32Array.from(alphas), [alphas.length, ...inputs.shape.map(() => 1)]);
    const path = tf.add(tf.expandDims(baseline, 0), tf.mul(a, tf.expandDims(tf.sub(inputs, baseline), 0)));
    return tf.reshape(path, [alphas.length * inputs.shape[0]!, ...inputs.shape.slice(1)]);
  });
}

/**
 * Visits the path's nodes in blocks of at most max(1, ⌊batchSize / n⌋) nodes (every input at each node), handing
 * `visit` the index of the block's first node and A and ∂f/∂A there as `[nodes, n, ...layer]` (disposed after the
 * visit): memory stays bounded by the batch size whatever the number of steps.
 * @example visitPath(prepared, inputs, baseline, alphas, (first, acts, grads) => { ... });
 */
export function visitPath(
  p: PreparedPath,
  inputs: tf.Tensor,
  baseline: tf.Tensor,
  alphas: Float64Array,
  visit: (first: number, acts: tf.Tensor, grads: tf.Tensor) => void,
): void {
  const { adapter, n, targets, layer, batchSize } = p;
  const size = Math.max(1, Math.floor(batchSize / n));
  for (let first = 0; first < alphas.length; first += size) {
    const block = alphas.subarray(first, Math.min(alphas.length, first + size));
    const path = interpolate(inputs, baseline, block);
    const lg = layerGradients(adapter, path, tiledOwners(n, block.length), targets, layer, batchSize);
    path.dispose();
    lg.values.dispose();
    const shape = [block.length, n, ...lg.activations.shape.slice(1)];
    const [acts, grads] = [tf.reshape(lg.activations, shape), tf.reshape(lg.gradients, shape)];
    [lg.activations, lg.gradients].forEach((t) => t.dispose());
    try {
      visit(first, acts, grads);
    } finally {
      [acts, grads].forEach((t) => t.dispose());
    }
  }
}

/**
 * Per input, Σ attributions − (f(x) − f(x0)) (Captum's `compute_convergence_delta`).
 * @example const delta = convergenceDelta(adapter, inputs, baseline, targets, batchSize, attributions);
 */
export function convergenceDelta(
  adapter: ImageModel,
  inputs: tf.Tensor,
  baseline: tf.Tensor,
  targets: Prepared['targets'],
  batchSize: number,
  attributions: tf.Tensor,
): tf.Tensor1D {
  const n = inputs.shape[0]!;
  return tf.tidy(() => {
    const ends = forwardValues(adapter, tf.concat([inputs, baseline]), tiledOwners(n, 2), targets, batchSize);
    const [fx, fb] = tf.split(ends, 2);
    const total = tf.sum(tf.reshape(attributions, [n, -1]), 1);
    return tf.sub(total, tf.sub(fx!, fb!)) as tf.Tensor1D;
  });
}
