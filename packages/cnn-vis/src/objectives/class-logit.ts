/** Class-logit objective: the pre-softmax score of a class (Simonyan et al. 2014; Olah et al. 2017, "class logits"). */
import * as tf from '@tensorflow/tfjs-core';
import { LOGITS_LAYER } from '@openbox/runtime';
import { activationOf, expandUnits, oneHotRows, type Objective } from './objective.js';

/**
 * `z[b, k_b]`, the logit of class k_b before softmax (maximizing the softmax itself mostly suppresses other classes).
 * Picks with a one-hot mask, not `gather`, so its gradient runs on wasm.
 * @example classLogit([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) // one image per digit
 */
export function classLogit(classes: number | readonly number[]): Objective {
  const list = typeof classes === 'number' ? [classes] : classes;
  return {
    name: `classLogit(${list.join(',')})`,
    description: `pre-softmax logit of class ${list.join(', ')}`,
    layers: [LOGITS_LAYER],
    ...(typeof classes === 'number' ? {} : { batchSize: classes.length }),
    validate: (adapter) => list.forEach((k) => adapter.checkChannel(LOGITS_LAYER, k, 'classLogit')),
    evaluate(acts, batchSize) {
      const z = activationOf(acts, LOGITS_LAYER) as tf.Tensor2D;
      const mask = oneHotRows(expandUnits('classLogit', 'classes', classes, batchSize), z.shape[1]);
      return tf.sum(tf.mul(z, mask), 1) as tf.Tensor1D;
    },
  };
}
