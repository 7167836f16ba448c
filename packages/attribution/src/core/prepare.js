/** Checks a method's model, inputs and common options once, and resolves them into what every method needs. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelAdapter } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
import { DEFAULT_MEMORY_BOUND_BYTES } from './method.js';
import { OUTPUT_SPACES, resolveTargets } from './target.js';
const adapters = new WeakMap();
/** The adapter for `model` (one per model, cached). */
export function asAdapter(model) {
  if (model instanceof ModelAdapter) return model;
  let adapter = adapters.get(model);
  if (adapter === undefined) adapters.set(model, (adapter = new ModelAdapter(model)));
  return adapter;
}
/** Rows per pass so that every layer's output and its gradient (× 3 for the backward pass) fit in `bytes`. */
export function defaultBatchRows(adapter, bytes = DEFAULT_MEMORY_BOUND_BYTES) {
  const size = (shape) => shape.slice(1).reduce((a, d) => a * (d ?? 1), 1);
  const [h, w, c] = adapter.inputShape;
  const floats = adapter.layers().reduce((sum, l) => sum + size(l.outputShape), h * w * c);
  return Math.max(1, Math.floor(bytes / (4 * 3 * floats)));
}
/** Throws unless `value` is a positive integer. */
export function checkPositiveInteger(fn, argument, value) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new Error(MESSAGES.positiveInteger(fn, argument, value));
  return value;
}
/** Throws unless `t` is `[n, ...inputShape]` with every value finite. */
export function checkInputs(fn, adapter, t, argument = 'inputs') {
  const expected = adapter.inputShape;
  if (t.rank !== 4 || t.shape.slice(1).some((d, i) => d !== expected[i]))
    throw new Error(MESSAGES.inputShape(fn, t.shape, expected));
  if (t.shape[0] === 0) throw new Error(MESSAGES.emptyInputs(fn));
  const finite = tf.tidy(() => tf.all(tf.isFinite(t)));
  const ok = finite.dataSync()[0] === 1;
  finite.dispose();
  if (!ok) throw new Error(MESSAGES.nonFiniteInputs(fn, argument));
}
/**
 * Checks and resolves the arguments every method takes.
 * @example const { adapter, targets, batchSize } = prepare('saliency', model, inputs, options);
 */
export function prepare(fn, model, inputs, options) {
  const adapter = asAdapter(model);
  checkInputs(fn, adapter, inputs);
  const output = options.output ?? 'logits';
  if (!OUTPUT_SPACES.includes(output))
    throw new Error(MESSAGES.unknownName(fn, 'options.output', output, OUTPUT_SPACES));
  const n = inputs.shape[0];
  const targets = resolveTargets(adapter, options.targets, n, output, fn);
  const batchSize =
    options.internalBatchSize === undefined
      ? defaultBatchRows(adapter)
      : checkPositiveInteger(fn, 'options.internalBatchSize', options.internalBatchSize);
  return { adapter, n, targets, batchSize };
}
/** `0, 1, …, n − 1` repeated `times` times, input-major blocks: the owners of a tiled batch `tf.tile(x, [times])`. */
export function tiledOwners(n, times) {
  const owners = new Int32Array(n * times);
  for (let k = 0; k < times; k++) for (let i = 0; i < n; i++) owners[k * n + i] = i;
  return owners;
}
//# sourceMappingURL=prepare.js.map
