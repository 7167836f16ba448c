/** Test fixtures: backend setup, models with closed-form attributions, a small CNN, finite differences. Not built. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng, initBackend } from '@openbox/runtime';

/** The cpu backend: float32 like every backend, deterministic, fast enough for these small nets. */
export async function setupBackend(): Promise<void> {
  await initBackend({ backend: 'cpu' });
}

/** `n` seeded values uniform in [low, high). */
export function randomValues(n: number, seed: number, low = -1, high = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => low + (high - low) * rng.next());
}

/** Seeded inputs `[n, h, w, c]` uniform in [0, 1). */
export function randomInputs(
  n: number,
  [h, w, c]: readonly [number, number, number],
  seed: number,
): tf.Tensor4D {
  return tf.tensor4d(randomValues(n * h * w * c, seed, 0, 1), [n, h, w, c]);
}

/** A linear model `logits = flatten(x) W + b` (softmax output); `W` is `[h·w·c, classes]` row-major. */
export interface LinearFixture {
  readonly model: tfl.LayersModel;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  readonly classes: number;
}

/** {@link LinearFixture} for inputs `[h, w, c]` with seeded weights. */
export function linearModel(
  shape: readonly [number, number, number],
  classes: number,
  seed: number,
): LinearFixture {
  const d = shape[0] * shape[1] * shape[2];
  const weights = randomValues(d * classes, seed);
  const bias = randomValues(classes, seed + 1);
  const model = tfl.sequential();
  model.add(tfl.layers.flatten({ inputShape: [...shape], name: 'flat' }));
  model.add(
    tfl.layers.dense({
      units: classes,
      activation: 'softmax',
      name: 'probs',
      weights: [tf.tensor2d(weights, [d, classes]), tf.tensor1d(bias)],
    }),
  );
  return { model, weights, bias, classes };
}

/** Column `k` of the linear fixture's weights, as the gradient of logit k with respect to the input (closed form). */
export function weightColumn(f: LinearFixture, k: number): Float32Array {
  const d = f.weights.length / f.classes;
  return Float32Array.from({ length: d }, (_, i) => f.weights[i * f.classes + k]!);
}

/** A small seeded CNN for 8×8×`channels` inputs: conv(relu) → max pool → conv(relu) → flatten → dense(softmax). */
export function smallCnn(seed: number, channels = 1, classes = 4): tfl.LayersModel {
  const rng = createRng(seed);
  const init = () => tfl.initializers.glorotUniform({ seed: rng.tfSeed() });
  const bias = () => tfl.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: rng.tfSeed() });
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        inputShape: [8, 8, channels],
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        name: 'conv1',
        kernelInitializer: init(),
        biasInitializer: bias(),
      }),
      tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
      tfl.layers.conv2d({
        filters: 6,
        kernelSize: 2,
        activation: 'relu',
        name: 'conv2',
        kernelInitializer: init(),
        biasInitializer: bias(),
      }),
      tfl.layers.flatten({ name: 'flat' }),
      tfl.layers.dense({
        units: classes,
        activation: 'softmax',
        name: 'probs',
        kernelInitializer: init(),
        biasInitializer: bias(),
      }),
    ],
  });
}

/** A smooth CNN (tanh, average pooling) for 8×8×1 inputs: finite differences and quadrature rules are exact there. */
export function smoothCnn(seed: number, classes = 3): tfl.LayersModel {
  const rng = createRng(seed);
  const init = () => tfl.initializers.glorotUniform({ seed: rng.tfSeed() });
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        inputShape: [8, 8, 1],
        filters: 4,
        kernelSize: 3,
        activation: 'tanh',
        name: 'conv1',
        kernelInitializer: init(),
      }),
      tfl.layers.averagePooling2d({ poolSize: 2, name: 'pool' }),
      tfl.layers.flatten({ name: 'flat' }),
      tfl.layers.dense({ units: classes, activation: 'softmax', name: 'probs', kernelInitializer: init() }),
    ],
  });
}

/**
 * Central finite differences (f(x + h e_i) − f(x − h e_i)) / 2h of a scalar function of one input, evaluated in
 * float32 by the model itself; the error is O(h²) plus float32 rounding / h.
 */
export function finiteDifferences(f: (x: tf.Tensor4D) => number, x: tf.Tensor4D, h = 1e-2): Float64Array {
  const base = x.dataSync();
  const out = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const plus = Float32Array.from(base);
    const minus = Float32Array.from(base);
    plus[i]! += h;
    minus[i]! -= h;
    const fp = tf.tidy(() => f(tf.tensor4d(plus, x.shape)));
    const fm = tf.tidy(() => f(tf.tensor4d(minus, x.shape)));
    out[i] = (fp - fm) / (2 * h);
  }
  return out;
}
