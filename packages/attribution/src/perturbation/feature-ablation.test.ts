import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdapter } from '../core/prepare.js';
import { linearModel, randomInputs, setupBackend, smallCnn, weightColumn } from '../test-models.js';
import { featureAblation } from './feature-ablation.js';
import { gridFeatureMask } from './feature-mask.js';

beforeAll(setupBackend);

/** Σ_{i∈j} w_i (x_i − b_i) for the feature j of each pixel, in float64 (pixels of `[h, w, c]`, mask per pixel). */
function linearAblation(
  wk: Float32Array,
  x: Float32Array,
  b: Float32Array,
  mask: Int32Array,
  c: number,
): Float64Array {
  const d = Math.max(...mask) + 1;
  const drop = new Float64Array(d);
  for (let i = 0; i < x.length; i++) drop[mask[Math.floor(i / c)]!]! += wk[i]! * (x[i]! - b[i]!);
  return Float64Array.from({ length: x.length }, (_, i) => drop[mask[Math.floor(i / c)]!]!);
}

describe('feature-ablation', () => {
  it('is Σ_{i∈j} w_i (x_i − b_i) on every pixel of feature j of a linear model (default 4-px grid, tensor baseline)', () => {
    const fixture = linearModel([6, 6, 2], 3, 31);
    const x = randomInputs(2, [6, 6, 2], 32);
    const b = randomInputs(1, [6, 6, 2], 33);
    const { attributions } = featureAblation.attribute(fixture.model, x, { targets: [2, 0], baselines: b });
    const grid = gridFeatureMask(6, 6, 4);
    const mask = Int32Array.from(grid.dataSync());
    const [xd, bd] = [x.dataSync() as Float32Array, b.dataSync() as Float32Array];
    const expected = [
      ...linearAblation(weightColumn(fixture, 2), xd.slice(0, 72), bd, mask, 2),
      ...linearAblation(weightColumn(fixture, 0), xd.slice(72), bd, mask, 2),
    ];
    // float32 logits of a 72-weight linear model against float64 (measured 5e-7).
    expectArraysClose(attributions, expected, 5e-6);
    expect(attributions.shape).toEqual([2, 6, 6, 2]);
    [x, b, grid, attributions].forEach((t) => t.dispose());
  });

  it('takes one mask per input (ablating features that differ per input)', () => {
    const fixture = linearModel([3, 3, 1], 2, 34);
    const x = randomInputs(2, [3, 3, 1], 35);
    const masks = tf.tensor3d([0, 0, 1, 0, 2, 1, 2, 2, 1, 0, 1, 2, 0, 1, 2, 0, 1, 2], [2, 3, 3], 'int32');
    const { attributions } = featureAblation.attribute(fixture.model, x, { targets: 1, featureMask: masks });
    const wk = weightColumn(fixture, 1);
    const xd = x.dataSync() as Float32Array;
    const zero = new Float32Array(9);
    const expected = [
      ...linearAblation(wk, xd.slice(0, 9), zero, Int32Array.from([0, 0, 1, 0, 2, 1, 2, 2, 1]), 1),
      ...linearAblation(wk, xd.slice(9), zero, Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2]), 1),
    ];
    expectArraysClose(attributions, expected, 1e-5);
    [x, masks, attributions].forEach((t) => t.dispose());
  });

  it('equals f(x) − f(x with the feature at 0) scored directly on a small CNN, chunked or not, leaking nothing', () => {
    const model = smallCnn(36);
    const adapter = asAdapter(model);
    const x = randomInputs(1, [8, 8, 1], 37);
    const whole = featureAblation.attribute(model, x, { targets: 3 }).attributions;
    const before = tf.memory().numTensors;
    const chunked = featureAblation.attribute(model, x, { targets: 3, internalBatchSize: 1 }).attributions;
    expect(tf.memory().numTensors).toBe(before + 1);
    const xd = x.dataSync() as Float32Array;
    const score = (image: Float32Array) =>
      tf.tidy(
        () => adapter.activations(tf.tensor4d(image, [1, 8, 8, 1]), ['logits'])['logits']!.dataSync()[3]!,
      );
    const cellOf = (p: number) => Math.floor(Math.floor(p / 8) / 4) * 2 + Math.floor((p % 8) / 4);
    const drops = [0, 1, 2, 3].map((j) => score(xd) - score(xd.map((v, p) => (cellOf(p) === j ? 0 : v))));
    // Same float32 images on both sides: only the subtraction order differs.
    expectArraysClose(
      whole,
      Array.from({ length: 64 }, (_, p) => drops[cellOf(p)]!),
      1e-5,
    );
    expectArraysClose(chunked, whole, 1e-6);
    [x, whole, chunked].forEach((t) => t.dispose());
  });

  it.each([
    [
      'a mask of the wrong shape',
      () => tf.zeros([1, 8, 7], 'int32'),
      'feature-ablation: options.featureMask has shape [1, 8, 7]; it must be [1 or 2, 8, 8] (one feature id per pixel).',
    ],
    [
      'a negative id',
      () => tf.fill([2, 8, 8], -1, 'int32'),
      'feature-ablation: options.featureMask must hold integer feature ids >= 0; got -1.',
    ],
    [
      'a fractional id',
      () => tf.fill([1, 8, 8], 0.5),
      'feature-ablation: options.featureMask must hold integer feature ids >= 0; got 0.5.',
    ],
    [
      'a missing id',
      () => tf.concat([gridFeatureMask(8, 8, 4), tf.fill([1, 8, 8], 3, 'int32')]),
      'feature-ablation: options.featureMask 1 lacks feature id 0; ids must run 0..3 with every id present in every mask.',
    ],
  ])('rejects %s with a message naming it, leaking nothing', (_, makeMask, message) => {
    const model = smallCnn(38);
    const x = randomInputs(2, [8, 8, 1], 39);
    const featureMask = tf.tidy(makeMask);
    const before = tf.memory().numTensors;
    expect(() => featureAblation.attribute(model, x, { targets: 0, featureMask })).toThrow(message);
    expect(() =>
      featureAblation.attribute(model, x, { targets: 0, baselines: Number.POSITIVE_INFINITY }),
    ).toThrow(
      'feature-ablation: options.baselines must be a finite number, a baseline name or a tensor; got Infinity.',
    );
    expect(tf.memory().numTensors).toBe(before);
    [x, featureMask].forEach((t) => t.dispose());
  });

  it('builds a row-major grid with smaller cells at the edges', () => {
    const grid = gridFeatureMask(3, 5, 2);
    expect(grid.arraySync()).toEqual([
      [
        [0, 0, 1, 1, 2],
        [0, 0, 1, 1, 2],
        [3, 3, 4, 4, 5],
      ],
    ]);
    expect(() => gridFeatureMask(3, 5, 0)).toThrow(
      'gridFeatureMask: cell must be a positive integer; got 0.',
    );
    grid.dispose();
  });
});
