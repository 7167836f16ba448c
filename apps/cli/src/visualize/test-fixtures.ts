/** Test fixtures for visualize and examples: tiny conv nets saved as model.json (RGB and grey), built in the test. */
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { saveModel } from '@openbox/runtime';

/** conv `c1` (6 channels, 3×3, relu) → max-pool `p1` → conv `c2` (4 channels) → flatten → dense `out` (3, softmax). */
export function tinyConvNet(size: number, channels: number, seed = 1): tfl.LayersModel {
  const init = (s: number) => tfl.initializers.glorotUniform({ seed: seed * 10 + s });
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({
      inputShape: [size, size, channels],
      filters: 6,
      kernelSize: 3,
      activation: 'relu',
      name: 'c1',
      kernelInitializer: init(1),
    }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, name: 'p1' }));
  model.add(
    tfl.layers.conv2d({
      filters: 4,
      kernelSize: 3,
      activation: 'relu',
      name: 'c2',
      kernelInitializer: init(2),
    }),
  );
  model.add(tfl.layers.flatten({ name: 'f' }));
  model.add(tfl.layers.dense({ units: 3, activation: 'softmax', name: 'out', kernelInitializer: init(3) }));
  return model;
}

/** Saves {@link tinyConvNet}s under `dir`: `rgb/model.json` (16×16×3) and `grey/model.json` (16×16×1); returns their paths. */
export async function saveTinyConvNets(dir: string): Promise<{ rgb: string; grey: string }> {
  const rgb = tinyConvNet(16, 3);
  const grey = tinyConvNet(16, 1, 2);
  await saveModel(rgb, join(dir, 'rgb'));
  await saveModel(grey, join(dir, 'grey'));
  rgb.dispose();
  grey.dispose();
  return { rgb: join(dir, 'rgb', 'model.json'), grey: join(dir, 'grey', 'model.json') };
}
