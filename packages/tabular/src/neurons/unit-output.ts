/**
 * One hidden unit of a tfjs MLP as a function of the inputs (the thread's "assessing the various neurons, layers"):
 * u(x) = h_ℓ(x)_i, the unit's activation, or its pre-activation (W_ℓ h_{ℓ−1} + b_ℓ)_i. As an {@link ExplainedFunction}
 * every explainer attributes it to the inputs (Captum's neuron attribution; Dhamdhere et al. 2019's conductance
 * view of a unit) and {@link maximizeUnit} / {@link topActivatingRows} find what drives it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { PRE_SUFFIX } from '@openbox/runtime';
import type { ExplainedFunction } from '../core/explained-output.js';
import type { fromLayersModel } from '../core/from-layers-model.js';
import { evaluateInChunks, SCORE_CHUNK_ROWS } from '../core/evaluate-in-chunks.js';
import type { Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';

const FN = 'unitOutput';

/** Options of {@link unitOutput}. */
export interface UnitOutputOptions {
  /** Explain the unit before its activation (`<layer>:pre`, Dense layers only). Default false. */
  readonly pre?: boolean;
}

/**
 * Unit `unit` of the vector layer `layer` (a `[batch, units]` output: Dense, BatchNorm, Dropout, …) of a
 * {@link fromLayersModel} classifier. `evaluate` runs float32 forward passes in chunks of {@link SCORE_CHUNK_ROWS}
 * rows; `tensor` is differentiable. Errors: an unknown layer (the adapter's message, listing the layers), a unit out
 * of range (`MESSAGES.unknownUnit`), a layer whose output is not a vector (`MESSAGES.notVectorLayer`).
 * @example
 * const u = unitOutput(fromLayersModel(mlp), 'hidden1', 3, { pre: true });
 * integratedGradients.explain(u, rows, { background }); // what moves unit 3 of hidden1
 */
export function unitOutput(
  classifier: ReturnType<typeof fromLayersModel>,
  layer: string,
  unit: number,
  options: UnitOutputOptions = {},
): ExplainedFunction {
  // 1. Resolve the layer (the adapter names unknown layers) and check its shape and the unit.
  const adapter = classifier.adapter;
  const name = options.pre === true ? `${layer}${PRE_SUFFIX}` : layer;
  const info = adapter.layer(name, FN);
  if (info.outputShape.length !== 2) throw new Error(MESSAGES.notVectorLayer(FN, name, info.outputShape));
  if (!Number.isInteger(unit) || unit < 0 || unit >= info.channels)
    throw new Error(MESSAGES.unknownUnit(FN, name, unit, info.channels));
  // 2. The unit's column of the layer's output, as a tensor function and a chunked float64 evaluation.
  const d = classifier.features;
  const tensor = (x: tf.Tensor2D): tf.Tensor1D =>
    tf.tidy(() => {
      const acts = adapter.activations(x, [name])[name] as tf.Tensor2D;
      return tf.reshape(tf.slice(acts, [0, unit], [-1, 1]), [-1]) as tf.Tensor1D;
    });
  const evaluate = (x: Matrix): Float64Array => evaluateInChunks(x, 1, tensor);
  return { features: d, label: `unit ${unit} of ${name} in ${classifier.label}`, evaluate, tensor };
}
