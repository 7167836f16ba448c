/** Checks a method's model, inputs and common options once, and resolves them into what every method needs. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelAdapter } from '@openbox/runtime';
import { type CommonOptions } from './method.js';
import { type ResolvedTarget } from './target.js';
/** A LayersModel, or an adapter over one. */
export type ModelLike = tfl.LayersModel | ModelAdapter;
/** The adapter for `model` (one per model, cached). */
export declare function asAdapter(model: ModelLike): ModelAdapter;
/** Rows per pass so that every layer's output and its gradient (× 3 for the backward pass) fit in `bytes`. */
export declare function defaultBatchRows(adapter: ModelAdapter, bytes?: number): number;
/** Throws unless `value` is a positive integer. */
export declare function checkPositiveInteger(fn: string, argument: string, value: unknown): number;
/** Throws unless `t` is `[n, ...inputShape]` with every value finite. */
export declare function checkInputs(fn: string, adapter: ModelAdapter, t: tf.Tensor, argument?: string): void;
/** The model, inputs and common options of a method call, checked. */
export interface Prepared {
  readonly adapter: ModelAdapter;
  readonly n: number;
  readonly targets: readonly ResolvedTarget[];
  readonly batchSize: number;
}
/**
 * Checks and resolves the arguments every method takes.
 * @example const { adapter, targets, batchSize } = prepare('saliency', model, inputs, options);
 */
export declare function prepare(
  fn: string,
  model: ModelLike,
  inputs: tf.Tensor,
  options: CommonOptions,
): Prepared;
/** `0, 1, …, n − 1` repeated `times` times, input-major blocks: the owners of a tiled batch `tf.tile(x, [times])`. */
export declare function tiledOwners(n: number, times: number): Int32Array;
//# sourceMappingURL=prepare.d.ts.map
