/** L1 penalty on the image: Σ |x − c| (Lucid's `L1`). Positive; subtract it with `scale(-w, l1())`. */
import * as tf from '@tensorflow/tfjs-core';
import { INPUT_LAYER } from '@openbox/runtime';
import { activationOf, sumPerItem, type Objective } from '../objectives/objective.js';

/**
 * `Σ_{y,x,c} |x − center|` per image; pushes pixels towards `center` (default 0) sparsely.
 * @example sum(channel('conv2d_1', 0), scale(-0.01, l1({ center: 0.5 })))
 */
export function l1(options: { center?: number } = {}): Objective {
  const center = options.center ?? 0;
  return {
    name: 'l1',
    description: `sum of absolute pixel deviations from ${center}`,
    layers: [INPUT_LAYER],
    validate: () => undefined,
    evaluate: (acts) => sumPerItem(tf.abs(tf.sub(activationOf(acts, INPUT_LAYER), center))),
  };
}
