import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelAdapter } from '../model/model-adapter.js';
import { channel } from '../objectives/channel.js';
import { sum, scale } from '../objectives/objective.js';
import { pixelParam } from '../param/pixel.js';
import { sigmoidRange } from '../param/sigmoid-range.js';
import { l2 } from '../regularizers/l2.js';
import { linearUnitModel, randomValues, setupBackend } from '../test-models.js';
import { renderUnits } from './render-units.js';

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0,
    mb = 0;
  for (let i = 0; i < n; i++) ((ma += a[i]!), (mb += b[i]!));
  ma /= n;
  mb /= n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma,
      db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

beforeAll(setupBackend);

describe('renderUnits on a unit linear in the input (unit = <W, x>)', () => {
  const W = randomValues(8 * 8, 7);
  it('with an L2 penalty recovers W (x* = W / 2λ), correlation >= 0.95', () => {
    const adapter = new ModelAdapter(linearUnitModel(W, 8, 8, 1));
    const result = renderUnits(adapter, sum(channel('unit', 0), scale(-0.5, l2())), {
      steps: 300,
      learningRate: 0.05,
      param: pixelParam(),
      transforms: null,
      seed: 3,
    });
    expect(correlation(result.images, W)).toBeGreaterThanOrEqual(0.95);
    // Closed form x* = W (λ = 0.5): the value reached is ½‖W‖², within 2%.
    const best = 0.5 * W.reduce((s, v) => s + v * v, 0);
    expect(Math.abs(result.finalValues[0]! - best) / best).toBeLessThan(0.02);
  });
  it('under the box [0, 1] (sigmoid) finds the closed form x = 1[W > 0]', () => {
    const adapter = new ModelAdapter(linearUnitModel(W, 8, 8, 1));
    const result = renderUnits(adapter, channel('unit', 0), {
      steps: 200,
      param: sigmoidRange(pixelParam()),
      transforms: null,
      batchSize: 2,
      seed: 1,
    });
    for (let b = 0; b < 2; b++) {
      let maxDiff = 0;
      for (let i = 0; i < W.length; i++)
        maxDiff = Math.max(maxDiff, Math.abs(result.images[b * W.length + i]! - (W[i]! > 0 ? 1 : 0)));
      expect(maxDiff).toBeLessThan(0.05);
    }
  });
  it('leaves no tensors behind', () => {
    const adapter = new ModelAdapter(linearUnitModel(W, 8, 8, 1));
    renderUnits(adapter, channel('unit', 0), { steps: 3 });
    const before = tf.memory().numTensors;
    renderUnits(adapter, channel('unit', 0), { steps: 20 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
