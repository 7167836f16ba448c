/** Neuron objective: one channel at one spatial position (Olah et al. 2017, "neuron"; Erhan et al. 2009's unit). */
import * as tf from '@tensorflow/tfjs-core';
import { activationOf, expandUnits, oneHotRows, type Objective } from './objective.js';

/**
 * `a[b, y, x, c_b]` for a conv-like layer. Position defaults to the centre of the layer's output.
 * @example neuron('conv2d_2', [0, 5], { x: 3, y: 3 })
 */
export function neuron(
  layer: string,
  channels: number | readonly number[],
  position: { x?: number; y?: number } = {},
): Objective {
  const list = typeof channels === 'number' ? [channels] : channels;
  const where =
    position.x === undefined && position.y === undefined
      ? 'centre'
      : `x=${position.x ?? 'centre'}, y=${position.y ?? 'centre'}`;
  let resolved: { x: number; y: number } | undefined;
  return {
    name: `neuron(${layer}:${list.join(',')}@${where})`,
    description: `activation of channel ${list.join(', ')} of layer ${layer} at position ${where}`,
    layers: [layer],
    ...(typeof channels === 'number' ? {} : { batchSize: channels.length }),
    validate(adapter) {
      const shape = adapter.layer(layer, 'neuron').outputShape;
      const x = position.x ?? Math.floor(((shape[2] as number | null) ?? 1) / 2);
      const y = position.y ?? Math.floor(((shape[1] as number | null) ?? 1) / 2);
      adapter.checkPosition(layer, x, y, 'neuron');
      list.forEach((c) => adapter.checkChannel(layer, c, 'neuron'));
      resolved = { x, y };
    },
    evaluate(acts, batchSize) {
      const a = activationOf(acts, layer) as tf.Tensor4D;
      const [, h, w, c] = a.shape;
      const x = resolved?.x ?? position.x ?? Math.floor(w / 2);
      const y = resolved?.y ?? position.y ?? Math.floor(h / 2);
      const at = tf.reshape(tf.slice(a, [0, y, x, 0], [-1, 1, 1, -1]), [-1, c]);
      const mask = oneHotRows(expandUnits('neuron', 'channels', channels, batchSize), c);
      return tf.sum(tf.mul(at, mask), 1) as tf.Tensor1D;
    },
  };
}
