import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../init-backend.js';
import { cascadingRandomization } from './cascading-randomization.js';
import { reinitializedCopy } from './reinitialized-copy.js';
import { differing, functionalModel, sequentialModel, weightsOf } from './test-models.js';

/** Which layers of `copy` differ (in any weight, bitwise) from `original`, in layer order. */
function changedLayers(copy: tfl.LayersModel, original: Map<string, Float32Array[]>): string[] {
  const w = weightsOf(copy);
  return [...original]
    .filter(([layer, ws]) => ws.some((v, i) => differing(v, w.get(layer)![i]!) > 0))
    .map(([l]) => l);
}

describe('cascadingRandomization', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('redraws the top k layers with weights in entry k, from the output down (sequential)', () => {
    const model = sequentialModel();
    const original = weightsOf(model);
    const steps = cascadingRandomization(model, { seed: 6 });
    expect(steps.map((s) => s.layer)).toEqual(['dense', 'bn', 'conv']);
    expect(steps.map((s) => changedLayers(s.model, original))).toEqual([
      ['dense'],
      ['bn', 'dense'],
      ['conv', 'bn', 'dense'],
    ]);
    // A layer gets the same weights in every entry that redraws it, equal to reinitializedCopy's with the same seed.
    const full = reinitializedCopy(model, { seed: 6 });
    const fullWeights = weightsOf(full);
    steps.forEach((step, k) => {
      const w = weightsOf(step.model);
      for (const layer of steps.slice(0, k + 1).map((s) => s.layer))
        w.get(layer)!.forEach((v, i) =>
          expect(differing(v, fullWeights.get(layer)![i]!), `${k}/${layer}`).toBe(0),
        );
    });
    [full, model, ...steps.map((s) => s.model)].forEach((m) => m.dispose());
  });

  it('follows the graph of a functional model: the output layer first, the input side last', () => {
    const model = functionalModel();
    const original = weightsOf(model);
    const steps = cascadingRandomization(model, { seed: 1 });
    // The reverse of tfjs's topological layer order (x, a, b, c, sum, out): every layer comes before those feeding it.
    const order = steps.map((s) => s.layer);
    expect(order).toEqual(['out', 'c', 'b', 'a']);
    steps.forEach((s, k) =>
      expect(changedLayers(s.model, original).sort()).toEqual(order.slice(0, k + 1).sort()),
    );
    [model, ...steps.map((s) => s.model)].forEach((m) => m.dispose());
  });

  it('leaves no tensor behind once its copies are disposed, and makes none when a layer cannot be redrawn', () => {
    const model = sequentialModel();
    const start = tf.memory().numTensors;
    const steps = cascadingRandomization(model, { seed: 2 });
    expect(tf.memory().numTensors).toBe(start + 3 * 8);
    steps.forEach((s) => s.model.dispose());
    expect(tf.memory().numTensors).toBe(start);
    // The lowest layer's kernel configured Identity: refused before the first (top) copy is built.
    (model.getLayer('conv') as unknown as { kernelInitializer: unknown }).kernelInitializer =
      tfl.initializers.identity({});
    expect(() => cascadingRandomization(model, { seed: 2 })).toThrow(
      "cascadingRandomization: layer 'conv' initializes 'kernel' with Identity, which OpenBox cannot redraw; it draws Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal and VarianceScaling (with its Glorot, He and LeCun forms).",
    );
    expect(tf.memory().numTensors).toBe(start);
    model.dispose();
  });

  it('refuses a model without weights', () => {
    const model = tfl.sequential();
    model.add(tfl.layers.flatten({ inputShape: [2, 2] }));
    expect(() => cascadingRandomization(model, { seed: 1 })).toThrow(
      'cascadingRandomization: the model has no layer with weights to re-initialize.',
    );
    model.dispose();
  });
});
