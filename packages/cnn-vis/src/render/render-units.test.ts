import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelAdapter, type ImageModel } from '@openbox/runtime';
import { channel } from '../objectives/channel.js';
import { classLogit } from '../objectives/class-logit.js';
import { sum, scale } from '../objectives/objective.js';
import { pixelParam } from '../param/pixel.js';
import { sigmoidRange } from '../param/sigmoid-range.js';
import { l2 } from '../regularizers/l2.js';
import { linearUnitModel, randomValues, setupBackend, smallRgbNet } from '../test-models.js';
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
    // The sigmoid never reaches 0 or 1: measured max |x − 1[W > 0]| 0.013 after 200 steps; bound ≈ 4×.
    const box = Array.from(W, (w) => (w > 0 ? 1 : 0));
    expectArraysClose(result.images, [...box, ...box], 0.05, 'both images vs 1[W > 0]');
  });
  it('leaves no tensors behind', () => {
    const adapter = new ModelAdapter(linearUnitModel(W, 8, 8, 1));
    renderUnits(adapter, channel('unit', 0), { steps: 3 });
    const before = tf.memory().numTensors;
    renderUnits(adapter, channel('unit', 0), { steps: 20 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('renderUnits: memory and non-finite objectives', () => {
  const W = randomValues(8 * 8, 7);
  it('an onProgress that throws: the error reaches the caller and no tensor is left, over 5 calls', () => {
    const adapter = new ModelAdapter(linearUnitModel(W, 8, 8, 1));
    const calls: number[] = [];
    const throwing = () =>
      renderUnits(adapter, channel('unit', 0), {
        steps: 10,
        progressEvery: 3,
        onProgress: ({ step }) => {
          calls.push(step);
          throw new Error('the display crashed');
        },
      });
    expect(throwing).toThrow('the display crashed');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) expect(throwing).toThrow('the display crashed');
    expect(tf.memory().numTensors).toBe(before);
    expect(calls).toEqual([3, 3, 3, 3, 3, 3]);
  });

  let rgb: ImageModel;
  beforeAll(() => {
    rgb = new ModelAdapter(smallRgbNet(16, 2));
  });
  it.each([
    ['a plain layer', channel('conv2', 1)],
    ['a pre-activation', channel('conv2:pre', 1)],
    ['the logits', classLogit(3)],
  ])(
    'on %s of a conv net leaves no tensor behind over 5 calls, and the objective rises',
    (_case, objective) => {
      const run = () => renderUnits(rgb, objective, { steps: 6, recordEvery: 1, seed: 4 });
      run();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) {
        const result = run();
        expect(result.curve[0]![result.curve[0]!.length - 1]!).toBeGreaterThan(result.curve[0]![0]!);
      }
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('stops with an error naming the objective, its layers and the first non-finite step (NaN weights)', () => {
    const nanW = Float32Array.from(W);
    nanW[10] = Number.NaN;
    const adapter = new ModelAdapter(linearUnitModel(nanW, 8, 8, 1));
    const seen: number[] = [];
    const before = tf.memory().numTensors;
    expect(() =>
      renderUnits(adapter, sum(channel('unit', 0), scale(-0.5, l2())), {
        steps: 40,
        progressEvery: 8,
        param: pixelParam(),
        transforms: null,
        onProgress: ({ step }) => seen.push(step),
      }),
    ).toThrow(
      "renderUnits: the objective 'channel(unit:0) + -0.5·l2' (layers unit, input) became non-finite (NaN or ±Infinity) at step 1 of 40; optimization stopped. Check the model's weights for NaN or Infinity and lower the learning rate (0.05).",
    );
    expect(seen).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the step at which an exploding learning rate overflows the objective', () => {
    const adapter = new ModelAdapter(linearUnitModel(W, 8, 8, 1));
    const seen: number[] = [];
    const before = tf.memory().numTensors;
    expect(() =>
      renderUnits(adapter, channel('unit', 0), {
        steps: 20,
        progressEvery: 1,
        learningRate: 1e38,
        param: pixelParam(),
        transforms: null,
        onProgress: ({ step, values }) => {
          expect(values.every(Number.isFinite)).toBe(true);
          seen.push(step);
        },
      }),
    ).toThrow(
      "renderUnits: the objective 'channel(unit:0)' (layers unit) became non-finite (NaN or ±Infinity) at step 2 of 20; optimization stopped. Check the model's weights for NaN or Infinity and lower the learning rate (1e+38).",
    );
    expect(seen).toEqual([1]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
