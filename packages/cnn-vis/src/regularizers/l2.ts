/** L2 penalty on the image: Σ (x − c)² (Lucid's `L2` without the square root). */
import * as tf from '@tensorflow/tfjs-core';
import { INPUT_LAYER } from '@openbox/runtime';
import { activationOf, sumPerItem, type Objective } from '../objectives/objective.js';

/**
 * `Σ_{y,x,c} (x − center)²` per image. With a linear unit ⟨W, x⟩, maximizing ⟨W, x⟩ − λ·l2 gives x* = W / (2λ).
 * @example sum(channel('unit', 0), scale(-0.5, l2()))
 */
export function l2(options: { center?: number } = {}): Objective {
  const center = options.center ?? 0;
  return {
    name: 'l2',
    description: `sum of squared pixel deviations from ${center}`,
    layers: [INPUT_LAYER],
    validate: () => undefined,
    evaluate: (acts) => sumPerItem(tf.square(tf.sub(activationOf(acts, INPUT_LAYER), center))),
  };
}
