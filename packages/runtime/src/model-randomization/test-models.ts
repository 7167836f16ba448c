/** Test helpers, not exported: small models of each kind with "trained" (seeded, non-initial) weights, and readers. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '../rng.js';

/**
 * conv (3×3, 1 → 4, glorot-uniform as the reference CNN's) → bn (gamma U(0.5, 1.5)) → flatten → dense 3 softmax
 * (tfjs's default kernel initializer, glorot-normal), on 8×8×1 inputs.
 */
export function sequentialModel(): tfl.Sequential {
  const model = tfl.sequential({ name: 'small_seq' });
  model.add(
    tfl.layers.conv2d({
      name: 'conv',
      inputShape: [8, 8, 1],
      filters: 4,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: 'glorotUniform',
    }),
  );
  model.add(
    tfl.layers.batchNormalization({
      name: 'bn',
      gammaInitializer: tfl.initializers.randomUniform({ minval: 0.5, maxval: 1.5 }),
    }),
  );
  model.add(tfl.layers.flatten({ name: 'flat' }));
  model.add(tfl.layers.dense({ name: 'dense', units: 3, activation: 'softmax' }));
  return trained(model);
}

/** input [6] → a (dense 4) → b (dense 3); input → c (dense 3, heUniform); add(b, c) → out (dense 2). */
export function functionalModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [6], name: 'x' });
  const a = tfl.layers.dense({ name: 'a', units: 4, activation: 'tanh' }).apply(input) as tfl.SymbolicTensor;
  const b = tfl.layers.dense({ name: 'b', units: 3 }).apply(a) as tfl.SymbolicTensor;
  const c = tfl.layers
    .dense({ name: 'c', units: 3, kernelInitializer: 'heUniform' })
    .apply(input) as tfl.SymbolicTensor;
  const sum = tfl.layers.add({ name: 'sum' }).apply([b, c]) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ name: 'out', units: 2 }).apply(sum) as tfl.SymbolicTensor;
  return trained(tfl.model({ name: 'small_fn', inputs: input, outputs: out }));
}

/** Replaces every weight by seeded N(0.3, 1) values: none equals what an initializer would give. */
export function trained<T extends tfl.LayersModel>(model: T, seed = 99): T {
  const rng = createRng(seed);
  tf.tidy(() =>
    model.setWeights(
      model.getWeights().map((w) =>
        tf.tensor(
          Float32Array.from({ length: w.size }, () => 0.3 + rng.normal()),
          w.shape,
        ),
      ),
    ),
  );
  return model;
}

/** Every weight of every layer, by layer name, read into plain arrays (copies). */
export function weightsOf(model: tfl.LayersModel): Map<string, Float32Array[]> {
  return new Map(
    model.layers
      .filter((l) => l.weights.length > 0)
      .map((l) => [l.name, l.getWeights().map((w) => Float32Array.from(w.dataSync()))]),
  );
}

/** Bitwise equality of two float arrays (NaN payloads included), as a count of differing entries. */
export function differing(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  let count = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) count++;
  return count;
}

/** The model's output on a seeded batch, read and freed. */
export function predictOn(model: tfl.LayersModel, shape: number[], seed = 5): Float32Array {
  const rng = createRng(seed);
  const values = Float32Array.from({ length: shape.reduce((p, q) => p * q, 1) }, () => rng.next());
  const out = tf.tidy(() => model.predict(tf.tensor(values, shape)) as tf.Tensor);
  try {
    return Float32Array.from(out.dataSync());
  } finally {
    out.dispose();
  }
}
