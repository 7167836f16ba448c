/** Test fixtures of the layer methods: a two-layer linear model with a closed form at its hidden layer. Not built. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '@openbox/runtime';
import { randomValues } from '../test-models.js';

/** x (18) → hidden = x W1 + b1 (5, linear) → logits = hidden W2 + b2 (3, softmax output), seeded weights. */
export function twoLayerLinear(seed: number) {
  const [d, hidden, classes] = [18, 5, 3];
  const w1 = randomValues(d * hidden, seed);
  const b1 = randomValues(hidden, seed + 1);
  const w2 = randomValues(hidden * classes, seed + 2);
  const b2 = randomValues(classes, seed + 3);
  const model = tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [3, 3, 2], name: 'flat' }),
      tfl.layers.dense({
        units: hidden,
        name: 'hidden',
        weights: [tf.tensor2d(w1, [d, hidden]), tf.tensor1d(b1)],
      }),
      tfl.layers.dense({
        units: classes,
        activation: 'softmax',
        name: 'probs',
        weights: [tf.tensor2d(w2, [hidden, classes]), tf.tensor1d(b2)],
      }),
    ],
  });
  /** Float64 hidden values of one input `x` (18 values). */
  const hiddenOf = (x: ArrayLike<number>) =>
    Float64Array.from({ length: hidden }, (_, j) => {
      let s = b1[j]!;
      for (let i = 0; i < d; i++) s += x[i]! * w1[i * hidden + j]!;
      return s;
    });
  return { model, d, hidden, classes, w1, w2, b2, hiddenOf };
}

/** x `[3, 3, 2]` → flatten 'flat' → dense(6, tanh) 'hidden' → dense(3, softmax) 'probs', seeded: smooth, nonlinear. */
export function tanhMlp(seed: number): tfl.LayersModel {
  const rng = createRng(seed);
  const init = () => tfl.initializers.glorotUniform({ seed: rng.tfSeed() });
  return tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [3, 3, 2], name: 'flat' }),
      tfl.layers.dense({ units: 6, activation: 'tanh', name: 'hidden', kernelInitializer: init() }),
      tfl.layers.dense({ units: 3, activation: 'softmax', name: 'probs', kernelInitializer: init() }),
    ],
  });
}
