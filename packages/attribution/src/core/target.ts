/**
 * What to explain, per input: a class (an index into the logits or the model's output) or a unit inside the net —
 * one neuron `{ layer, channel, y, x }`, or a whole channel `{ layer, channel }` (its mean over positions, Lucid's
 * channel objective; for a Dense layer, that unit).
 */
import { LOGITS_LAYER, type ImageModel } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';

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
export const OUTPUT_SPACES = ['logits', 'model'] as const satisfies readonly OutputSpace[];

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

function classTarget(adapter: ImageModel, t: number, output: OutputSpace, fn: string): ResolvedTarget {
  const layers = adapter.layers();
  const layer = output === 'logits' ? LOGITS_LAYER : layers[layers.length - 1]!.name;
  const shape = adapter.layer(layer, fn).outputShape;
  if (shape.length !== 2) throw new Error(MESSAGES.notClassOutput(fn, layer, shape));
  const classes = shape[1] as number;
  if (!Number.isInteger(t) || t < 0 || t >= classes)
    throw new Error(MESSAGES.classTarget(fn, t, classes, layer));
  return { layer, kind: 'entry', index: t, size: classes, given: t };
}

function unitTarget(adapter: ImageModel, t: UnitTarget, fn: string): ResolvedTarget {
  const { layer, channel, y, x } = t;
  adapter.checkChannel(layer, channel, fn);
  const shape = adapter.layer(layer, fn).outputShape;
  const channels = shape[shape.length - 1] as number;
  if ((y === undefined) !== (x === undefined)) throw new Error(MESSAGES.halfPosition(fn));
  if (y === undefined || x === undefined) {
    return shape.length === 4
      ? { layer, kind: 'channel', index: channel, size: channels, given: t }
      : { layer, kind: 'entry', index: channel, size: channels, given: t };
  }
  adapter.checkPosition(layer, x, y, fn);
  const width = shape[2] as number;
  const size = (shape[1] as number) * width * channels;
  return { layer, kind: 'entry', index: (y * width + x) * channels + channel, size, given: t };
}

const isUnitTarget = (t: unknown): t is UnitTarget =>
  typeof t === 'object' && t !== null && typeof (t as UnitTarget).layer === 'string';

/**
 * One resolved target per input: a single target applies to all `n` inputs, a list must have exactly `n`.
 * @example resolveTargets(adapter, [3, 7], 2, 'logits', 'saliency') // logits 3 and 7
 */
export function resolveTargets(
  adapter: ImageModel,
  targets: Target | readonly Target[],
  n: number,
  output: OutputSpace,
  fn: string,
): ResolvedTarget[] {
  const list = Array.isArray(targets)
    ? (targets as readonly Target[])
    : Array.from({ length: n }, () => targets as Target);
  if (list.length !== n) throw new Error(MESSAGES.targetCount(fn, list.length, n));
  return list.map((t) => {
    if (typeof t === 'number') return classTarget(adapter, t, output, fn);
    if (isUnitTarget(t)) return unitTarget(adapter, t, fn);
    throw new Error(MESSAGES.badUnitTarget(fn, t));
  });
}
