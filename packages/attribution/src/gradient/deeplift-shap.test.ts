import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearModel, randomInputs, setupBackend, smallCnn, weightColumn } from '../test-models.js';
import { deepLift } from './deeplift.js';
import { deepLiftShap } from './deeplift-shap.js';

beforeAll(setupBackend);

describe('deepLiftShap', () => {
  it('is w ⊙ (x − mean(baselines)) on a linear model (closed form), delta ≈ 0', () => {
    const fixture = linearModel([3, 3, 2], 4, 121);
    const x = randomInputs(2, [3, 3, 2], 122);
    const baselines = randomInputs(5, [3, 3, 2], 123);
    const { attributions, delta } = deepLiftShap.attribute(fixture.model, x, { targets: [2, 0], baselines });
    const [xs, bs] = [x.dataSync(), baselines.dataSync()];
    const mean = (j: number) => [0, 1, 2, 3, 4].reduce((s, k) => s + bs[k * 18 + j]!, 0) / 5;
    const expected = [2, 0].flatMap((t, i) =>
      [...weightColumn(fixture, t)].map((w, j) => w * (xs[i * 18 + j]! - mean(j))),
    );
    // float32 products and a mean of 5 values in [0, 1): rounding ~1e-7.
    expectArraysClose(attributions, expected, 1e-6);
    expectArraysClose(delta!, [0, 0], 1e-5);
    expect(attributions.shape).toEqual([2, 3, 3, 2]);
    [x, baselines, attributions, delta!].forEach((t) => t.dispose());
  });

  it('with one baseline equals deepLift against it (attributions and delta)', () => {
    const model = smallCnn(131);
    const x = randomInputs(3, [8, 8, 1], 132);
    const b = randomInputs(1, [8, 8, 1], 133);
    const shap = deepLiftShap.attribute(model, x, { targets: [0, 2, 3], baselines: b });
    const dl = deepLift.attribute(model, x, { targets: [0, 2, 3], baselines: b });
    expectArraysClose(shap.attributions, dl.attributions, 1e-6);
    expectArraysClose(shap.delta!, dl.delta!, 1e-6);
    [x, b, shap.attributions, shap.delta!, dl.attributions, dl.delta!].forEach((t) => t.dispose());
  });

  it('is the mean of deepLift over the baselines, and its delta the mean of theirs (smallCnn, max pooling)', () => {
    const model = smallCnn(141);
    const x = randomInputs(2, [8, 8, 1], 142);
    const baselines = randomInputs(3, [8, 8, 1], 143);
    const shap = deepLiftShap.attribute(model, x, { targets: [1, 3], baselines });
    const each = [0, 1, 2].map((j) =>
      deepLift.attribute(model, x, { targets: [1, 3], baselines: tf.slice(baselines, j, 1) }),
    );
    const [meanA, meanD] = tf.tidy(() => [
      tf.div(tf.addN(each.map((r) => r.attributions)), 3),
      tf.div(tf.addN(each.map((r) => r.delta!)), 3),
    ]);
    expectArraysClose(shap.attributions, meanA!, 1e-6);
    expectArraysClose(shap.delta!, meanD!, 1e-6);
    expect(Math.max(...[...shap.delta!.dataSync()].map(Math.abs))).toBeLessThan(1e-4);
    [x, baselines, shap.attributions, shap.delta!, meanA!, meanD!].forEach((t) => t.dispose());
    each.forEach((r) => [r.attributions, r.delta!].forEach((t) => t.dispose()));
  });

  it('gives the same result in chunks of one pair, and leaks no tensor', () => {
    const model = smallCnn(151);
    const x = randomInputs(2, [8, 8, 1], 152);
    const baselines = randomInputs(3, [8, 8, 1], 153);
    const whole = deepLiftShap.attribute(model, x, { targets: [0, 1], baselines });
    const before = tf.memory().numTensors;
    const chunked = deepLiftShap.attribute(model, x, { targets: [0, 1], baselines, internalBatchSize: 1 });
    expect(tf.memory().numTensors).toBe(before + 2);
    expectArraysClose(chunked.attributions, whole.attributions, 1e-6);
    expectArraysClose(chunked.delta!, whole.delta!, 1e-6);
    [x, baselines, whole.attributions, whole.delta!, chunked.attributions, chunked.delta!].forEach((t) =>
      t.dispose(),
    );
  });

  it.each([
    ['no baselines', undefined, 'no tensor'],
    ['a named baseline', 'zeros', 'no tensor'],
    ['baselines of the wrong shape', [2, 8, 8, 3], '[2, 8, 8, 3]'],
    ['an empty distribution', [0, 8, 8, 1], '[0, 8, 8, 1]'],
  ])('rejects %s with a message naming options.baselines, leaking nothing', (_, spec, got) => {
    const model = smallCnn(161);
    const x = randomInputs(2, [8, 8, 1], 162);
    const baselines = Array.isArray(spec) ? tf.zeros(spec) : spec;
    const before = tf.memory().numTensors;
    expect(() => deepLiftShap.attribute(model, x, { targets: 0, baselines } as never)).toThrow(
      `deeplift-shap: options.baselines must be a tensor [m, 8, 8, 1] of m >= 1 baselines (inputs are [2, 8, 8, 1]); got ${got}.`,
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    if (baselines instanceof tf.Tensor) baselines.dispose();
  });

  it('rejects non-finite baselines and a bad eps', () => {
    const model = smallCnn(171);
    const x = randomInputs(1, [8, 8, 1], 172);
    const nan = tf.fill([2, 8, 8, 1], Number.NaN);
    expect(() => deepLiftShap.attribute(model, x, { targets: 0, baselines: nan })).toThrow(
      'deeplift-shap: options.baselines contain NaN or ±Infinity; attributions of such inputs are meaningless.',
    );
    const ok = tf.zeros([2, 8, 8, 1]);
    expect(() => deepLiftShap.attribute(model, x, { targets: 0, baselines: ok, eps: -1 })).toThrow(
      'deeplift-shap: options.eps must be a finite number >= 0; got -1.',
    );
    [x, nan, ok].forEach((t) => t.dispose());
  });
});
