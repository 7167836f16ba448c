import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist, type Dataset } from '@openbox/datasets';
import { referenceAdapter } from '../test-models.js';
import type { ImageModel } from '@openbox/runtime';
import { datasetExamples } from './dataset-examples.js';
import { unitValues } from './unit.js';

let adapter: ImageModel;
let test: Dataset;
beforeAll(async () => {
  adapter = (await referenceAdapter()).adapter;
  test = loadMnist({ seed: 0 }).test;
});

describe("the seed's claims as experiments", () => {
  it('dataset examples: top-k really are the largest, with receptive-field crops', () => {
    const report = datasetExamples(adapter, test, { layer: 'conv2', channels: [0, 3], k: 5, limit: 400 });
    const ex = report.examples[1]!;
    expect(ex).toHaveLength(5);
    for (let i = 1; i < 5; i++) expect(ex[i]!.activation).toBeLessThanOrEqual(ex[i - 1]!.activation);
    for (const e of ex) {
      expect(e.crop!.box.y1 - e.crop!.box.y0).toBeLessThanOrEqual(14);
      expect(e.crop!.pixels.length).toBe(
        (e.crop!.box.y1 - e.crop!.box.y0) * (e.crop!.box.x1 - e.crop!.box.x0),
      );
    }
    // Max over positions ≥ the value at any one position, for every image: the top-1 beats the best centre neuron.
    const centre = unitValues(
      adapter,
      { layer: 'conv2', channel: 3, x: 4, y: 4 },
      test.features.subarray(0, 400 * 784),
      400,
    );
    expect(ex[0]!.activation).toBeGreaterThanOrEqual(Math.max(...centre) - 1e-4);
    const dense = datasetExamples(adapter, test, { layer: 'logits', channels: [2], k: 3, limit: 300 });
    expect(dense.examples[0]!.map((e) => e.label)).toEqual([2, 2, 2]);
    expect(() => datasetExamples(adapter, test, { layer: 'conv2', channels: [40] })).toThrow(
      'datasetExamples: channel 40 is out of range',
    );
  });
});
