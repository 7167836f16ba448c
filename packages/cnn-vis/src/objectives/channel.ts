/** Channel objective: the mean activation of one channel over all positions (Olah et al. 2017, "channel"). */
import * as tf from '@tensorflow/tfjs-core';
import { activationOf, expandUnits, meanPerItem, oneHotRows, type Objective } from './objective.js';

/**
 * Mean over positions of channel c: `(1/HW) Σ_{y,x} a[b, y, x, c_b]`. For a dense layer (`[B, C]`) it is the unit itself.
 * `channels` is one channel for every batch item or one per item (then the batch size is its length).
 * @example channel('conv2d_2', [0, 1, 2, 3]) // four channels optimized together in one batch
 */
export function channel(layer: string, channels: number | readonly number[]): Objective {
  const list = typeof channels === 'number' ? [channels] : channels;
  return {
    name: `channel(${layer}:${list.join(',')})`,
    description: `mean activation of channel ${list.join(', ')} of layer ${layer} over all positions`,
    layers: [layer],
    ...(typeof channels === 'number' ? {} : { batchSize: channels.length }),
    validate: (adapter) => list.forEach((c) => adapter.checkChannel(layer, c, 'channel')),
    evaluate(acts, batchSize) {
      const a = activationOf(acts, layer);
      const width = a.shape[a.rank - 1] as number;
      const mask = oneHotRows(expandUnits('channel', 'channels', channels, batchSize), width);
      const perChannel =
        a.rank === 2
          ? a
          : tf.mean(
              a,
              Array.from({ length: a.rank - 2 }, (_, i) => i + 1),
            );
      return tf.mul(meanPerItem(tf.mul(perChannel, mask)), width) as tf.Tensor1D;
    },
  };
}
