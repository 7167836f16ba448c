/** Running a GraphModel for named nodes: one `execute`, errors worded for OpenBox, and the nodes' measured shapes. */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { GraphNodeInfo } from './graph-nodes.js';
import type { LayerInfo } from './layers-model-view.js';
import { ADAPTER_MESSAGES as MESSAGES } from './messages.js';

/**
 * The values of `targets` (node names) for the tensors `feed` gives (the input and any replaced node), always as a
 * list; tfjs-converter disposes the intermediates. An error of tfjs-converter (an op it cannot run, a bad feed) is
 * reworded naming `fn`, with the original as `cause`.
 */
export function executeNodes(
  model: GraphModel,
  feed: tf.NamedTensorMap,
  targets: readonly string[],
  fn: string,
): tf.Tensor[] {
  let result: tf.Tensor | tf.Tensor[];
  try {
    result = model.execute(feed, [...targets]);
  } catch (error) {
    throw new Error(MESSAGES.graphRun(fn, error instanceof Error ? error.message : String(error)), {
      cause: error,
    });
  }
  return Array.isArray(result) ? result : [result];
}

/**
 * Runs every node of `nodes` once on a zero image `[1, ...inputShape]` and keeps those with a float output, with
 * their shapes (batch `null`) and last dimension as channels. Every tensor made is disposed.
 */
export function measureNodes(
  model: GraphModel,
  inputName: string,
  inputShape: readonly number[],
  nodes: readonly GraphNodeInfo[],
  fn: string,
): LayerInfo[] {
  const zeros = tf.zeros([1, ...inputShape]);
  try {
    const values = executeNodes(
      model,
      { [inputName]: zeros },
      nodes.map((n) => n.name),
      fn,
    );
    const infos: LayerInfo[] = [];
    nodes.forEach((n, i) => {
      const v = values[i]!;
      if (v.dtype === 'float32' && v.rank >= 1)
        infos.push({
          name: n.name,
          className: n.op,
          outputShape: [null, ...v.shape.slice(1)],
          channels: v.shape.at(-1)!,
        });
    });
    tf.dispose(values.filter((v) => v !== zeros));
    return infos;
  } finally {
    zeros.dispose();
  }
}
