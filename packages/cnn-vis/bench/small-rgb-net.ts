/** The benchmark's small seeded RGB conv net (untrained: speed does not depend on the weights), at any input size. */
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '@openbox/runtime';

/**
 * conv 5×5×16 stride 2 + ReLU → conv 3×3×32 stride 2 + ReLU → max-pool 2 → conv 3×3×32 + ReLU ('conv3') → global
 * average pool → dense 10 softmax, glorot-uniform weights from `seed`, for `size × size × 3` inputs.
 * @example const net = smallRgbNet(224, 0);
 */
export function smallRgbNet(size: number, seed: number): tfl.LayersModel {
  const rng = createRng(seed);
  const init = () => tfl.initializers.glorotUniform({ seed: rng.tfSeed() });
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({
      inputShape: [size, size, 3],
      filters: 16,
      kernelSize: 5,
      strides: 2,
      activation: 'relu',
      name: 'conv1',
      kernelInitializer: init(),
    }),
  );
  model.add(
    tfl.layers.conv2d({
      filters: 32,
      kernelSize: 3,
      strides: 2,
      activation: 'relu',
      name: 'conv2',
      kernelInitializer: init(),
    }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool' }));
  model.add(
    tfl.layers.conv2d({
      filters: 32,
      kernelSize: 3,
      activation: 'relu',
      name: 'conv3',
      kernelInitializer: init(),
    }),
  );
  model.add(tfl.layers.globalAveragePooling2d({ name: 'gap' }));
  model.add(tfl.layers.dense({ units: 10, activation: 'softmax', name: 'probs', kernelInitializer: init() }));
  return model;
}
