/** Test fixtures: backend setup, hand-built models with known answers, a small RGB conv net. Not part of the build. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng, initBackend } from '@openbox/runtime';

/** The backend every test uses (wasm with OpenBox's kernels unless OPENBOX_BACKEND says otherwise). */
export async function setupBackend(): Promise<void> {
  await initBackend();
}

/** `n` seeded N(0, 1) values. */
export function randomValues(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

/** A model whose only unit is linear in the input: `unit = ⟨W, x⟩` for `W` of shape `[h, w, c]`. */
export function linearUnitModel(weights: Float32Array, h: number, w: number, c: number): tfl.LayersModel {
  const model = tfl.sequential();
  model.add(tfl.layers.flatten({ inputShape: [h, w, c], name: 'flat' }));
  model.add(
    tfl.layers.dense({
      units: 1,
      useBias: false,
      name: 'unit',
      weights: [tf.tensor2d(weights, [h * w * c, 1])],
    }),
  );
  return model;
}

/** A small seeded RGB conv net (untrained) for `size`×`size`×3 inputs with `classes` softmax outputs. */
export function smallRgbNet(size: number, seed: number, classes = 10): tfl.LayersModel {
  const rng = createRng(seed);
  const init = () => tfl.initializers.glorotUniform({ seed: rng.tfSeed() });
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({
      inputShape: [size, size, 3],
      filters: 8,
      kernelSize: 5,
      strides: 2,
      activation: 'relu',
      name: 'conv1',
      kernelInitializer: init(),
    }),
  );
  model.add(
    tfl.layers.conv2d({
      filters: 16,
      kernelSize: 3,
      strides: 2,
      activation: 'relu',
      name: 'conv2',
      kernelInitializer: init(),
    }),
  );
  model.add(tfl.layers.globalAveragePooling2d({ name: 'gap' }));
  model.add(
    tfl.layers.dense({ units: classes, activation: 'softmax', name: 'probs', kernelInitializer: init() }),
  );
  return model;
}

/** The reference CNN (trained once by the global setup, then read from the cache) wrapped in an adapter. */
export async function referenceAdapter(): Promise<{
  adapter: import('@openbox/runtime').ModelAdapter;
  model: tfl.LayersModel;
}> {
  const { loadReferenceCnn } = await import('./model/reference-cnn.js');
  const { ModelAdapter } = await import('@openbox/runtime');
  await setupBackend();
  const { model } = await loadReferenceCnn();
  return { adapter: new ModelAdapter(model), model };
}
