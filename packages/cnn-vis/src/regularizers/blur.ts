/** Blur penalty: ½ Σ (x − stopGradient(blur(x)))², pulling each step towards a blurred copy (Lucid's `blur_input_each_step`). */
import * as tf from '@tensorflow/tfjs-core';
import { cropHW } from '../util/crop.js';
import { INPUT_LAYER } from '@openbox/runtime';
import { activationOf, sumPerItem, type Objective } from '../objectives/objective.js';

/** Identity forward, zero gradient backward (tfjs has no `stop_gradient`). */
const stopGradient = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = inputs[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.zerosLike(dy as tf.Tensor) };
});

/** 3×3 box blur per channel with edge replication (a depthwise average done with pads and slices, gradient-safe on wasm). */
export function boxBlur3(x: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = x.shape;
  const padded = tf.mirrorPad(
    x,
    [
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ],
    'symmetric',
  );
  const parts: tf.Tensor4D[] = [];
  for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) parts.push(cropHW(padded, dy, dx, h, w));
  return tf.div(tf.addN(parts), 9);
}

/**
 * `½ Σ (x − blur(x))²` with the blurred copy held constant: its gradient `x − blur(x)` is one blur step.
 * @example sum(channel('conv2d_2', 0), scale(-0.5, blur()))
 */
export function blur(): Objective {
  return {
    name: 'blur',
    description: 'half the squared distance of the image to its (constant) 3×3 box-blurred copy',
    layers: [INPUT_LAYER],
    validate: () => undefined,
    evaluate(acts) {
      const x = activationOf(acts, INPUT_LAYER) as tf.Tensor4D;
      const target = stopGradient(boxBlur3(x)) as tf.Tensor4D;
      return tf.mul(sumPerItem(tf.square(tf.sub(x, target))), 0.5) as tf.Tensor1D;
    },
  };
}
