/**
 * Runs the hooked graph once on a single zero row, outside any gradient tape, so that a model the hooks cannot
 * handle (an activation the executor cannot hook) fails before `tf.grad`: tfjs keeps the tensors saved for the
 * backward pass when the function under `tf.grad` throws, so failing inside it leaks them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphHooks, ImageModel } from '@openbox/runtime';
import type { ResolvedTarget } from './target.js';
import { targetValues } from './target-values.js';

/**
 * Throws the executor's message if `hooks` cannot run on this model; costs one forward pass of one row.
 * @example checkHooks(adapter, targets, reluBackwardHooks(guidedRule));
 */
export function checkHooks(adapter: ImageModel, targets: readonly ResolvedTarget[], hooks: GraphHooks): void {
  tf.tidy(() => {
    const probe = tf.zeros([1, ...adapter.inputShape]);
    targetValues(adapter, probe, Int32Array.of(0), targets.slice(0, 1), hooks);
  });
}
