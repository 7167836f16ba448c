/**
 * What to explain, per input: a class (an index into the logits or the model's output) or a unit inside the net —
 * one neuron `{ layer, channel, y, x }`, or a whole channel `{ layer, channel }` (its mean over positions, Lucid's
 * channel objective; for a Dense layer, that unit).
 */
import { LOGITS_LAYER } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
export const OUTPUT_SPACES = ['logits', 'model'];
function classTarget(adapter, t, output, fn) {
  const layers = adapter.layers();
  const layer = output === 'logits' ? LOGITS_LAYER : layers[layers.length - 1].name;
  const shape = adapter.layer(layer, fn).outputShape;
  if (shape.length !== 2) throw new Error(MESSAGES.notClassOutput(fn, layer, shape));
  const classes = shape[1];
  if (!Number.isInteger(t) || t < 0 || t >= classes)
    throw new Error(MESSAGES.classTarget(fn, t, classes, layer));
  return { layer, kind: 'entry', index: t, size: classes, given: t };
}
function unitTarget(adapter, t, fn) {
  const { layer, channel, y, x } = t;
  adapter.checkChannel(layer, channel, fn);
  const shape = adapter.layer(layer, fn).outputShape;
  const channels = shape[shape.length - 1];
  if ((y === undefined) !== (x === undefined)) throw new Error(MESSAGES.halfPosition(fn));
  if (y === undefined || x === undefined) {
    return shape.length === 4
      ? { layer, kind: 'channel', index: channel, size: channels, given: t }
      : { layer, kind: 'entry', index: channel, size: channels, given: t };
  }
  adapter.checkPosition(layer, x, y, fn);
  const width = shape[2];
  const size = shape[1] * width * channels;
  return { layer, kind: 'entry', index: (y * width + x) * channels + channel, size, given: t };
}
const isUnitTarget = (t) => typeof t === 'object' && t !== null && typeof t.layer === 'string';
/**
 * One resolved target per input: a single target applies to all `n` inputs, a list must have exactly `n`.
 * @example resolveTargets(adapter, [3, 7], 2, 'logits', 'saliency') // logits 3 and 7
 */
export function resolveTargets(adapter, targets, n, output, fn) {
  const list = Array.isArray(targets) ? targets : Array.from({ length: n }, () => targets);
  if (list.length !== n) throw new Error(MESSAGES.targetCount(fn, list.length, n));
  return list.map((t) => {
    if (typeof t === 'number') return classTarget(adapter, t, output, fn);
    if (isUnitTarget(t)) return unitTarget(adapter, t, fn);
    throw new Error(MESSAGES.badUnitTarget(fn, t));
  });
}
//# sourceMappingURL=target.js.map
