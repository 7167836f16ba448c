/** Direction objective: a vector in a layer's channel space ("the layer is a basis", Olah et al. 2017). */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from '../messages.js';
import { activationOf, meanPerItem, type Objective } from './objective.js';

/**
 * `(1/HW) Σ_{y,x} ⟨a[b, y, x, :], v_b⟩`: how much the layer points along v (Olah et al. 2017, "direction";
 * Kim et al. 2018 use such directions as concept vectors). `directions` is one vector for every item or one per item.
 * @example direction('conv2d_2', [Array.from({ length: 32 }, (_, i) => (i < 2 ? 1 : 0))]) // channels 0 + 1 together
 */
export function direction(
  layer: string,
  directions: readonly number[] | readonly (readonly number[])[],
): Objective {
  const rows = (
    typeof directions[0] === 'number' ? [directions] : directions
  ) as readonly (readonly number[])[];
  const perItem = typeof directions[0] !== 'number';
  return {
    name: `direction(${layer})`,
    description: `projection of layer ${layer}'s activations on ${rows.length} given direction(s), averaged over positions`,
    layers: [layer],
    ...(perItem ? { batchSize: rows.length } : {}),
    validate(adapter) {
      const { channels } = adapter.layer(layer, 'direction');
      for (const r of rows)
        if (r.length !== channels)
          throw new Error(MESSAGES.directionLength('direction', layer, r.length, channels));
    },
    evaluate(acts, batchSize) {
      const a = activationOf(acts, layer);
      const c = a.shape[a.rank - 1] as number;
      if (perItem && rows.length !== batchSize)
        throw new Error(MESSAGES.batchMismatch('direction', 'directions', rows.length, batchSize));
      const flat = Float32Array.from(
        (perItem ? rows : Array.from({ length: batchSize }, () => rows[0]!)).flat(),
      );
      const v = tf.tensor2d(flat, [batchSize, c]);
      const shaped =
        a.rank === 2 ? v : tf.reshape(v, [batchSize, ...Array.from({ length: a.rank - 2 }, () => 1), c]);
      return tf.mul(meanPerItem(tf.mul(a, shaped)), c) as tf.Tensor1D;
    },
  };
}
