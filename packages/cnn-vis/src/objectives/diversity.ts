/** Diversity objective: pushes the batch's images apart in Gram-matrix (style) space (Olah et al. 2017, "diversity"). */
import * as tf from '@tensorflow/tfjs-core';
import { activationOf, type Objective } from './objective.js';

/**
 * For item i: `−(1/(B−1)) Σ_{j≠i} cos(G_i, G_j)`, where `G_b = A_bᵀ A_b` is the Gram matrix of the layer's
 * activations `A_b` (positions × channels). Maximizing it makes the batch's items differ in style.
 * Combine with a unit objective, e.g. `sum(channel(l, 3), scale(0.1, diversity(l)))` with a batch of 4 (Lucid used 1e2
 * on InceptionV1 sums; with per-item means a weight near 0.1–1 is comparable).
 * @example sum(channel('conv2d_2', 3), scale(0.5, diversity('conv2d_1')))
 */
export function diversity(layer: string): Objective {
  return {
    name: `diversity(${layer})`,
    description: `minus the mean cosine similarity of layer ${layer}'s Gram matrix with the other batch items'`,
    layers: [layer],
    validate: (adapter) => void adapter.layer(layer, 'diversity'),
    evaluate(acts, batchSize) {
      const a = activationOf(acts, layer);
      const c = a.shape[a.rank - 1] as number;
      const flat = tf.reshape(a, [batchSize, -1, c]) as tf.Tensor3D;
      const gram = tf.reshape(tf.matMul(flat, flat, true, false), [batchSize, c * c]);
      const unit = tf.div(gram, tf.sqrt(tf.add(tf.sum(tf.square(gram), 1, true), 1e-20))); // finite gradient at G = 0
      const sim = tf.matMul(unit, unit, false, true);
      const offDiagonal = tf.sub(tf.sum(sim, 1), tf.sum(tf.mul(sim, tf.eye(batchSize)), 1));
      return tf.div(tf.neg(offDiagonal), Math.max(1, batchSize - 1)) as tf.Tensor1D;
    },
  };
}
