/**
 * The one contract every attribution method follows (Captum's `Attribution` with its capability flags): a name,
 * what the method is, and `attribute(model, inputs, options)` returning attributions with the inputs' shape.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Target, OutputSpace } from './target.js';
/** What a method is and needs: the flags a caller (CLI, evaluation, noise tunnel) dispatches on. */
export interface MethodInfo {
  /** One sentence with the formula and the paper. */
  readonly description: string;
  readonly family: 'gradient' | 'layer' | 'perturbation';
  /** The attribution is (something) ⊙ (input − baseline), so it is zero where the input equals the baseline. */
  readonly multipliesByInputs: boolean;
  /** It returns `delta`: Σ attributions − (f(x) − f(baseline)) per input (completeness, or summation-to-delta). */
  readonly hasConvergenceDelta: boolean;
  readonly needsBaseline: boolean;
  /** It needs `options.layer` (Grad-CAM, layer methods). */
  readonly needsLayer: boolean;
  /** Its result depends on `options.seed`. */
  readonly stochastic: boolean;
}
/** Options every method takes. */
export interface CommonOptions {
  /** One target for every input, or one per input. */
  readonly targets: Target | readonly Target[];
  /** Which output a class index picks from. Default `logits`. */
  readonly output?: OutputSpace;
  /** Most rows per forward/backward pass. Default: what fits {@link DEFAULT_MEMORY_BOUND_BYTES} for this model. */
  readonly internalBatchSize?: number;
}
/** What a method returns; the caller owns (and disposes) every tensor. */
export interface AttributionResult {
  /** Attributions with the inputs' shape (for layer methods, the layer map upsampled to the input when asked). */
  readonly attributions: tf.Tensor;
  /** Per input: Σ attributions − (f(x) − f(baseline)), for methods with `hasConvergenceDelta`. */
  readonly delta?: tf.Tensor1D;
  /** Layer methods: the map at the layer's resolution, before ReLU and upsampling. */
  readonly layerAttributions?: tf.Tensor;
}
/** The memory bound the default internal batch size keeps one pass under (activations and their gradients). */
export declare const DEFAULT_MEMORY_BOUND_BYTES: number;
/** An attribution method: its name, flags and `attribute`. */
export interface AttributionMethod<O extends object = object> {
  readonly name: string;
  readonly info: MethodInfo;
  /** Attributions for `inputs` (`[n, height, width, channels]`); the caller disposes the result's tensors. */
  attribute(
    model: import('./prepare.js').ModelLike,
    inputs: tf.Tensor,
    options: CommonOptions & O,
  ): AttributionResult;
}
//# sourceMappingURL=method.d.ts.map
