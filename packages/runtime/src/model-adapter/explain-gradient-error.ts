/** `explainGradientError`: tfjs's "gradient function not found" turned into a message naming the op, nodes and caller. */
import type { ImageModel } from './image-model.js';
import { ADAPTER_MESSAGES as MESSAGES } from './messages.js';
import { releaseFailedTape } from './release-failed-tape.js';

/** tfjs-core's tape error (`tape.ts`): `Cannot compute gradient: gradient function not found for <kernel>.` */
const NO_GRADIENT = /Cannot compute gradient: gradient function not found for ([A-Za-z0-9_]+)\./;

/** The graph nodes an op without a gradient may come from: the same op, or its versioned/fused TF name. */
function nodesOfKernel(adapter: ImageModel, kernel: string): string[] {
  const nodes = (adapter as { nodes?: readonly { name: string; op: string }[] }).nodes ?? [];
  return nodes
    .filter((n) => n.op === kernel || n.op.replace(/^_/, '').replace(/V\d+$/, '') === kernel)
    .map((n) => n.name);
}

/**
 * `error` as it should reach the user of `fn`: tfjs-core's "Cannot compute gradient: gradient function not found for
 * X." becomes "<fn>: the graph op X (nodes: a, b) has no gradient in TensorFlow.js, so <fn> cannot differentiate
 * through it; …" (for a graph model, listing the nodes running X), with the original as `cause`; any other error is
 * returned unchanged. Either way the tensors tfjs-core's tape saved for the failed backward pass are disposed
 * ({@link releaseFailedTape}). Use it in the `catch` of a `tf.grad` through an `ImageModel`:
 * @example
 * try { return tf.grad(f)(x); } catch (error) { throw explainGradientError(error, adapter, 'integratedGradients'); }
 */
export function explainGradientError(error: unknown, adapter: ImageModel, fn: string): unknown {
  releaseFailedTape();
  const message = error instanceof Error ? error.message : undefined;
  const match = message === undefined ? null : NO_GRADIENT.exec(message);
  if (match === null) return error;
  const op = match[1]!;
  const nodes = adapter.kind === 'graph' ? nodesOfKernel(adapter, op) : [];
  const text = nodes.length > 0 ? MESSAGES.noGradient(fn, op, nodes) : MESSAGES.noGradientLayers(fn, op);
  return new Error(text, { cause: error });
}
