/**
 * What to explain, per input: a class (an index into the logits or the model's output) or a unit inside the net —
 * one neuron `{ layer, channel, y, x }`, or a whole channel `{ layer, channel }` (its mean over positions, Lucid's
 * channel objective; for a Dense layer, that unit).
 */
import { type ModelAdapter } from '@openbox/runtime';
/** A unit of a named layer: a neuron when `y` and `x` are given, else the channel's mean over positions. */
export interface UnitTarget {
  readonly layer: string;
  readonly channel: number;
  readonly y?: number;
  readonly x?: number;
}
/** A class index, or a unit inside the net. */
export type Target = number | UnitTarget;
/**
 * Which output a class index picks from: `logits` (pre-softmax scores, the default: probabilities saturate and their
 * gradients vanish on confident inputs) or `model` (the model's own output, e.g. softmax probabilities — what Captum
 * attributes when the forward function is the model).
 */
export type OutputSpace = 'logits' | 'model';
export declare const OUTPUT_SPACES: readonly ['logits', 'model'];
/** A target resolved against the model: which layer value, reduced how, and which entry of it. */
export interface ResolvedTarget {
  readonly layer: string;
  /** `entry`: one entry of the flattened layer output; `channel`: a channel of the mean over positions. */
  readonly kind: 'entry' | 'channel';
  /** Flat index (kind `entry`) or channel (kind `channel`). */
  readonly index: number;
  /** Length of the axis `index` runs over. */
  readonly size: number;
  /** The target as given, for reports. */
  readonly given: Target;
}
/**
 * One resolved target per input: a single target applies to all `n` inputs, a list must have exactly `n`.
 * @example resolveTargets(adapter, [3, 7], 2, 'logits', 'saliency') // logits 3 and 7
 */
export declare function resolveTargets(
  adapter: ModelAdapter,
  targets: Target | readonly Target[],
  n: number,
  output: OutputSpace,
  fn: string,
): ResolvedTarget[];
//# sourceMappingURL=target.d.ts.map
