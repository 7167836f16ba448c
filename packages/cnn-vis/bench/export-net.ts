/** Writes a tfjs conv net, up to one layer, as the JSON that `torch_actmax.py` rebuilds (same weights on both sides). */
import { writeFileSync } from 'node:fs';
import type * as tfl from '@tensorflow/tfjs-layers';

/** One exported layer: a 'valid' conv (tfjs kernel layout `[kh, kw, in, out]`) or a max-pool. */
type ExportedLayer =
  | { type: 'conv'; shape: number[]; kernel: number[]; bias: number[]; strides: number[]; relu: boolean }
  | { type: 'pool'; pool: number[] };

/**
 * Exports the conv and max-pool layers of `model` up to and including `last` to `path` as
 * `{ input: [h, w, c], layers }`. Only what the benchmark nets use: 'valid' padding, ReLU or linear activations.
 * @example exportNet(model, 'conv2', '/tmp/ref.json')
 */
export function exportNet(model: tfl.LayersModel, last: string, path: string): void {
  const layers: ExportedLayer[] = [];
  for (const layer of model.layers) {
    const config = layer.getConfig();
    const name = layer.getClassName();
    if (name === 'Conv2D') {
      if (config['padding'] !== 'valid')
        throw new Error(`exportNet: ${layer.name} has padding ${String(config['padding'])}`);
      const [kernel, bias] = layer.getWeights();
      layers.push({
        type: 'conv',
        shape: kernel!.shape,
        kernel: Array.from(kernel!.dataSync()),
        bias: Array.from(bias!.dataSync()),
        strides: config['strides'] as number[],
        relu: config['activation'] === 'relu',
      });
    } else if (name === 'MaxPooling2D') {
      layers.push({ type: 'pool', pool: config['poolSize'] as number[] });
    } else if (name !== 'InputLayer') {
      throw new Error(`exportNet: ${layer.name} (${name}) is not supported`);
    }
    if (layer.name === last) {
      const input = model.inputs[0]!.shape.slice(1) as number[];
      writeFileSync(path, JSON.stringify({ input, layers }));
      return;
    }
  }
  throw new Error(`exportNet: no layer ${last}`);
}
