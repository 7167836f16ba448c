/** Checks a method's model, inputs and common options once, and resolves them into what every method needs. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelAdapter, type ImageModel } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
import { DEFAULT_MEMORY_BOUND_BYTES, type CommonOptions } from './method.js';
import { OUTPUT_SPACES, resolveTargets, type ResolvedTarget } from './target.js';

/** A LayersModel, or an adapter over one. */
export type ModelLike = tfl.LayersModel | ImageModel;

const adapters = new WeakMap<tfl.LayersModel, ImageModel>();

/** The adapter for `model` (one per model, cached). */
export function asAdapter(model: ModelLike): ImageModel {
  if (!(model instanceof tfl.LayersModel)) return model;
  let adapter = adapters.get(model);
  if (adapter === undefined) adapters.set(model, (adapter = new ModelAdapter(model)));
  return adapter;
}

/** Rows per pass so that every layer's output, its gradient and what the backward pass saves (× 6, measured: IG on the reference CNN peaked at 2× the bound with × 3) fit in `bytes`. */
export function defaultBatchRows(adapter: ImageModel, bytes = DEFAULT_MEMORY_BOUND_BYTES): number {
  const size = (shape: readonly (number | null)[]) =>
    shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1);
  const [h, w, c] = adapter.inputShape;
  const floats = adapter.layers().reduce((sum, l) => sum + size(l.outputShape), h * w * c);
  return Math.max(1, Math.floor(bytes / (4 * 6 * floats)));
}

/** Throws unless `value` is a positive integer. */
export function checkPositiveInteger(fn: string, argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new Error(MESSAGES.positiveInteger(fn, argument, value));
  return value;
}

/** `options.seed` (default 0), or an error unless it is a finite number. */
export function checkSeed(fn: string, seed: unknown = 0): number {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new Error(MESSAGES.finiteSeed(fn, seed));
  return seed;
}

/** Throws unless `t` is `[n, ...inputShape]` with every value finite. */
export function checkInputs(fn: string, adapter: ImageModel, t: tf.Tensor, argument = 'inputs'): void {
  const expected = adapter.inputShape;
  if (t.rank !== 4 || t.shape.slice(1).some((d, i) => d !== expected[i]))
    throw new Error(MESSAGES.inputShape(fn, t.shape, expected));
  if (t.shape[0] === 0) throw new Error(MESSAGES.emptyInputs(fn));
  const finite = tf.tidy(() => tf.all(tf.isFinite(t)));
  const ok = finite.dataSync()[0] === 1;
  finite.dispose();
  if (!ok) throw new Error(MESSAGES.nonFiniteInputs(fn, argument));
}

/** The model, inputs and common options of a method call, checked. */
export interface Prepared {
  readonly adapter: ImageModel;
  readonly n: number;
  readonly targets: readonly ResolvedTarget[];
  readonly batchSize: number;
}

/**
 * Checks and resolves the arguments every method takes.
 * @example const { adapter, targets, batchSize } = prepare('saliency', model, inputs, options);
 */
export function prepare(fn: string, model: ModelLike, inputs: tf.Tensor, options: CommonOptions): Prepared {
  const adapter = asAdapter(model);
  checkInputs(fn, adapter, inputs);
  const output = options.output ?? 'logits';
  if (!(OUTPUT_SPACES as readonly string[]).includes(output))
    throw new Error(MESSAGES.unknownName(fn, 'options.output', output, OUTPUT_SPACES));
  const n = inputs.shape[0]!;
  const targets = resolveTargets(adapter, options.targets, n, output, fn);
  const batchSize =
    options.internalBatchSize === undefined
      ? defaultBatchRows(adapter)
      : checkPositiveInteger(fn, 'options.internalBatchSize', options.internalBatchSize);
  return { adapter, n, targets, batchSize };
}

/** `0, 1, …, n − 1` repeated `times` times, input-major blocks: the owners of a tiled batch `tf.tile(x, [times])`. */
export function tiledOwners(n: number, times: number): Int32Array {
  const owners = new Int32Array(n * times);
  for (let k = 0; k < times; k++) for (let i = 0; i < n; i++) owners[k * n + i] = i;
  return owners;
}
