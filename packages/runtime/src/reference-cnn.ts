/** The reference CNN of every OpenBox benchmark and of the MNIST experiments (seeded architecture, untrained). */
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from './rng.js';

/**
 * 28×28×1 → conv 5×5×16 'valid' + ReLU → max-pool 2 → conv 5×5×32 'valid' + ReLU → max-pool 2 → flatten →
 * dense 10 softmax (2.11 MFLOP per sample forward). Layer names `conv1`, `pool1`, `conv2`, `pool2`, `flatten`,
 * `probs`. Glorot-uniform kernels seeded from `seed`, zero biases: same seed, same weights.
 * @example const model = buildReferenceCnn({ seed: 0 });
 */
export function buildReferenceCnn(options: { seed: number }): tfl.Sequential {
  const rng = createRng(options.seed).fork('mnist-cnn');
  const init = () => tfl.initializers.glorotUniform({ seed: rng.tfSeed() });
  const model = tfl.sequential({ name: 'mnist_cnn' });
  model.add(
    tfl.layers.conv2d({
      inputShape: [28, 28, 1],
      filters: 16,
      kernelSize: 5,
      activation: 'relu',
      name: 'conv1',
      kernelInitializer: init(),
    }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool1' }));
  model.add(
    tfl.layers.conv2d({
      filters: 32,
      kernelSize: 5,
      activation: 'relu',
      name: 'conv2',
      kernelInitializer: init(),
    }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool2' }));
  model.add(tfl.layers.flatten({ name: 'flatten' }));
  model.add(tfl.layers.dense({ units: 10, activation: 'softmax', name: 'probs', kernelInitializer: init() }));
  return model;
}
