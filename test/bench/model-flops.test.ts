/** `bench/model-flops.ts`: FLOP per sample from layer shapes, checked against the reference CNN's hand count. */
import { initBackend, buildReferenceCnn } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { layerFlops, modelFlops, type ShapedLayer } from '../../bench/model-flops.js';

const layer = (name: string, outputShape: ShapedLayer['outputShape'], kernel?: number[]): ShapedLayer => ({
  name,
  outputShape,
  weights:
    kernel === undefined
      ? []
      : [
          { name: `${name}/kernel`, shape: kernel },
          { name: `${name}/bias`, shape: [kernel.at(-1)!] },
        ],
});

describe('modelFlops', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('counts the reference CNN as the hand count: 2·(24²·25·16) + 2·(8²·25·16·32) + 2·512·10', () => {
    const model = buildReferenceCnn({ seed: 0 });
    const flops = modelFlops(model.layers);
    const conv1 = 2 * 24 * 24 * 5 * 5 * 1 * 16;
    const conv2 = 2 * 8 * 8 * 5 * 5 * 16 * 32;
    const dense = 2 * 512 * 10;
    expect(flops.layers).toEqual([
      { name: 'conv1', flops: conv1 },
      { name: 'conv2', flops: conv2 },
      { name: 'probs', flops: dense },
    ]);
    expect(flops.forward).toBe(2_109_440);
    expect(flops.inputGradient).toBe(2 * 2_109_440);
    expect(flops.training).toBe(3 * 2_109_440 - conv1);
    model.dispose();
  });

  it('skips layers without a kernel and counts a depthwise kernel by its shape', () => {
    const layers = [
      layer('pool', [null, 12, 12, 16]),
      layer('dw', [null, 10, 10, 16], [3, 3, 16, 1]),
      layer('dense', [null, 4], [1600, 4]),
    ];
    expect(layerFlops(layers[0]!)).toBe(0);
    expect(modelFlops(layers)).toEqual({
      forward: 2 * 100 * 9 * 16 + 2 * 1600 * 4,
      inputGradient: 2 * (2 * 100 * 9 * 16 + 2 * 1600 * 4),
      training: 3 * (2 * 100 * 9 * 16 + 2 * 1600 * 4) - 2 * 100 * 9 * 16,
      layers: [
        { name: 'dw', flops: 2 * 100 * 9 * 16 },
        { name: 'dense', flops: 2 * 1600 * 4 },
      ],
    });
  });

  it('is zero for a model without kernels and refuses a layer with several outputs', () => {
    expect(modelFlops([layer('relu', [null, 3])])).toEqual({
      forward: 0,
      inputGradient: 0,
      training: 0,
      layers: [],
    });
    expect(() =>
      layerFlops(
        layer(
          'split',
          [
            [null, 2],
            [null, 2],
          ],
          [2, 2],
        ),
      ),
    ).toThrow('layerFlops: layer split has several outputs');
  });
});
