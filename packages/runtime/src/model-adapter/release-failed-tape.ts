/** `releaseFailedTape`: disposes the tensors tfjs-core's gradient tape saved for a `tf.grad` that threw. */
import * as tf from '@tensorflow/tfjs-core';

interface TapeState {
  gradientDepth: number;
  activeTape: { saved?: tf.Tensor[] }[] | null;
}

/**
 * When `tf.grad` / `optimizer.minimize` throws (an op without a gradient, an error in the forward pass), tfjs-core 4.22
 * skips its tape clean-up (`Engine.gradients` disposes `node.saved` only after a successful backward pass), so the
 * clones it kept for the backward pass leak. Called in the `catch` of an outermost gradient (no gradient being
 * recorded any more), this disposes them and drops the tape; inside a nested gradient it does nothing.
 * @example try { tf.grad(f)(x); } catch (e) { releaseFailedTape(); throw e; }
 */
export function releaseFailedTape(): void {
  const state = (tf.engine() as unknown as { state: TapeState }).state;
  if (state.gradientDepth !== 0 || state.activeTape === null) return;
  for (const node of state.activeTape) for (const t of node.saved ?? []) t.dispose();
  state.activeTape = null;
}
