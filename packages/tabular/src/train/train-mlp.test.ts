import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadModel, saveModel } from '@openbox/runtime';
import { fitExactLogistic } from '@openbox/logistic';
import { loadPenguins, makeLogisticData, makeXorData, standardize, type Dataset } from '@openbox/datasets';
import { expectArraysClose } from '@openbox/testing';
import { selectRows, type Matrix } from '../core/matrix.js';
import { fromLayersModel } from '../core/from-layers-model.js';
import { setupBackend } from '../test-models.js';
import { trainMlp, type TrainMlpData } from './train-mlp.js';

beforeAll(setupBackend);

const tableOf = (ds: Dataset, features = ds.features): TrainMlpData => ({
  x: { data: Float64Array.from(features), rows: ds.shape[0]!, cols: ds.shape[1]! },
  labels: ds.target,
  classes: ds.classNames.length,
});
const xor = (n: number, seed: number, noise = 0) => tableOf(makeXorData({ n, seed, noise }));
const predict = (model: tfl.LayersModel, x: Matrix): Float32Array =>
  tf
    .tidy(() => model.predict(tf.tensor2d(Float32Array.from(x.data), [x.rows, x.cols])) as tf.Tensor)
    .dataSync() as Float32Array;
const weightsOf = (model: tfl.LayersModel): number[][] =>
  model.getWeights().map((w) => Array.from(w.dataSync()));
/** Mean binary cross-entropy of one-sigmoid-unit probabilities `p`, in float64. */
const binaryCrossEntropy = (p: ArrayLike<number>, labels: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum -= labels[i] === 1 ? Math.log(p[i]!) : Math.log(1 - p[i]!);
  return sum / p.length;
};

describe('trainMlp', () => {
  it('learns XOR (n 400) to ≥ 95% validation accuracy, where the exact logistic regression stays ≤ 65%', async () => {
    const data = xor(400, 0);
    // Defaults but for larger, faster steps (the defaults reach 98.75% here too, in ~5× the steps).
    const r = await trainMlp(data, { batchSize: 64, learningRate: 0.03, patience: 5, seed: 0 });
    expect(r.validationAccuracy).toBeGreaterThanOrEqual(0.95);
    const train = selectRows(data.x as Matrix, r.trainIndices);
    const fit = fitExactLogistic({
      features: train.data,
      shape: [train.rows, 2],
      target: Array.from(r.trainIndices, (i) => data.labels[i]!),
    });
    const right = Array.from(r.validationIndices).filter((i) => {
      const row = (data.x as Matrix).data.subarray(2 * i, 2 * i + 2);
      const z = fit.intercept + fit.coefficients[0]! * row[0]! + fit.coefficients[1]! * row[1]!;
      return (z > 0 ? 1 : 0) === data.labels[i];
    }).length;
    expect(right / r.validationIndices.length).toBeLessThanOrEqual(0.65);
    r.model.dispose();
  });

  it('learns the standardized penguins (3 classes, softmax) to ≥ 95% validation accuracy', async () => {
    const ds = loadPenguins();
    const r = await trainMlp(tableOf(ds, standardize(ds.features, ds.shape).features), {
      batchSize: 64,
      patience: 5,
      seed: 2,
    });
    // The default architecture: relu layers of 32 and 16 units, each kernel with Keras's l2 1e-4, then 3 softmax units.
    const configs = r.model.layers.map((l) => l.getConfig() as Record<string, unknown>);
    expect(configs.map((c) => [c['name'], c['units'], c['activation']])).toEqual([
      ['hidden1', 32, 'relu'],
      ['hidden2', 16, 'relu'],
      ['out', 3, 'softmax'],
    ]);
    for (const c of configs)
      expect(c['kernelRegularizer']).toEqual({ className: 'L1L2', config: { l1: 0, l2: 1e-4 } });
    expect(r.validationAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.trainAccuracy).toBeGreaterThanOrEqual(0.95);
    r.model.dispose();
  });

  it('with hidden [] and l2 0 recovers the exact logistic regression (full-batch Adam)', async () => {
    const ds = makeLogisticData({ n: 400, weights: [1.5, -1, 0.5], intercept: 0.3, seed: 3 });
    const exact = fitExactLogistic(ds);
    const r = await trainMlp(tableOf(ds), {
      hidden: [],
      l2: 0,
      validationFraction: 0,
      batchSize: 400,
      epochs: 300,
      learningRate: 0.1,
      seed: 0,
    });
    expect(r.model.layers.map((l) => l.name)).toEqual(['out']);
    const [kernel, bias] = weightsOf(r.model) as [number[], number[]];
    // Full-batch Adam reaches the float32 optimum (measured error 4e-7); 1e-4 absolute on coefficients of size ~1.
    expectArraysClose(kernel, exact.coefficients, 1e-4);
    expect(Math.abs(bias[0]! - exact.intercept)).toBeLessThan(1e-4);
    expect([r.bestEpoch, r.stoppedEpoch, r.validationIndices.length]).toEqual([299, 299, 0]);
    expect(r.validationAccuracy).toBeUndefined();
    r.model.dispose();
  });

  it('gives the same weights and history for the same seed, different ones for another seed', async () => {
    const data = xor(120, 5);
    const options = { hidden: [6], epochs: 4, seed: 7 };
    const [a, b, c] = [
      await trainMlp(data, options),
      await trainMlp(data, options),
      await trainMlp(data, { ...options, seed: 8 }),
    ];
    expect(weightsOf(b.model)).toEqual(weightsOf(a.model));
    expect(b.history).toEqual(a.history);
    expect(b.validationIndices).toEqual(a.validationIndices);
    expect(weightsOf(c.model)[0]).not.toEqual(weightsOf(a.model)[0]);
    expect(c.validationIndices).not.toEqual(a.validationIndices);
    [a, b, c].forEach((r) => r.model.dispose());
  });

  it('keeps each class share in the split, disjoint and covering every row', async () => {
    const ds = loadPenguins();
    const r = await trainMlp(tableOf(ds), { hidden: [2], epochs: 1, validationFraction: 0.25, seed: 2 });
    const all = [...r.trainIndices, ...r.validationIndices].sort((p, q) => p - q);
    expect(all).toEqual(Array.from({ length: 342 }, (_, i) => i));
    const count = (idx: Int32Array, k: number) => Array.from(idx).filter((i) => ds.target[i] === k).length;
    // Adelie 151, Chinstrap 68, Gentoo 123: round(0.25 · n_c) each.
    expect([0, 1, 2].map((k) => count(r.validationIndices, k))).toEqual([38, 17, 31]);
    r.model.dispose();
  });

  it('stops early when the validation loss stalls and returns the best epoch’s weights', async () => {
    const data = xor(160, 9, 0.3);
    const patience = 5;
    const r = await trainMlp(data, { hidden: [32, 32], l2: 0, learningRate: 0.05, patience, seed: 4 });
    expect(r.stoppedEpoch).toBeLessThan(299);
    expect(r.history).toHaveLength(r.stoppedEpoch + 1);
    expect(r.stoppedEpoch - r.bestEpoch).toBe(patience);
    const losses = r.history.map((h) => h.valLoss!);
    expect(Math.min(...losses)).toBe(losses[r.bestEpoch]);
    const val = selectRows(data.x as Matrix, r.validationIndices);
    const labels = Array.from(r.validationIndices, (i) => data.labels[i]!);
    const valLoss = binaryCrossEntropy(predict(r.model, val), labels);
    // float32 forward pass vs tfjs's float32 loss from logits: 1e-5 relative.
    expect(Math.abs(valLoss - losses[r.bestEpoch]!)).toBeLessThan(1e-5 * Math.max(1, valLoss));
    expect(losses[r.stoppedEpoch]! - valLoss).toBeGreaterThan(1e-4);
    r.model.dispose();
  });

  describe('saved with saveModel', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'openbox-train-mlp-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('loads back with loadModel to the same predictions, a sigmoid head for 2 classes', async () => {
      const data = xor(100, 2);
      const r = await trainMlp(data, { hidden: [5, 3], activation: 'tanh', epochs: 3, seed: 1 });
      await saveModel(r.model, dir);
      const loaded = await loadModel(join(dir, 'model.json'));
      expect(loaded.layers.map((l) => l.name)).toEqual(['hidden1', 'hidden2', 'out']);
      expect(predict(loaded, data.x as Matrix)).toEqual(predict(r.model, data.x as Matrix));
      expect(fromLayersModel(loaded).head).toBe('sigmoid');
      [loaded, r.model].forEach((m) => m.dispose());
    });
  });

  const good = (): TrainMlpData => ({
    x: [
      [0, 1],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
    labels: [1, 1, 0, 0],
    classes: 2,
  });
  it.each<[string, TrainMlpData, object, string]>([
    ['labels length', { ...good(), labels: [1, 0, 1] }, {}, 'trainMlp: labels has 3 entries for 4 rows.'],
    [
      'label 3 for 3 classes',
      { ...good(), labels: [0, 1, 3, 2], classes: 3 },
      {},
      'trainMlp: labels[2] is 3; labels must be class indices 0..2.',
    ],
    [
      'NaN in x',
      {
        ...good(),
        x: [
          [0, 1],
          [1, NaN],
          [1, 1],
          [0, 0],
        ],
      },
      {},
      'trainMlp: data.x row 1, feature 1 is not a finite number (NaN or ±Infinity).',
    ],
    [
      'one class',
      { ...good(), classes: 1, labels: [0, 0, 0, 0] },
      {},
      'trainMlp: data.classes must be an integer of at least 2; got 1.',
    ],
    [
      'hidden size 0',
      good(),
      { hidden: [4, 0] },
      'trainMlp: options.hidden[1] must be a positive integer; got 0.',
    ],
    [
      'validationFraction 1',
      good(),
      { validationFraction: 1 },
      'trainMlp: options.validationFraction must be a share of the rows from 0 (inclusive) to 1 (exclusive); got 1.',
    ],
    [
      'activation',
      good(),
      { activation: 'gelu' },
      "trainMlp: options.activation must be one of 'relu', 'tanh'; got \"gelu\".",
    ],
    ['l2 < 0', good(), { l2: -1 }, 'trainMlp: options.l2 must be a finite number ≥ 0; got -1.'],
    [
      'learningRate 0',
      good(),
      { learningRate: 0 },
      'trainMlp: options.learningRate must be a finite number > 0; got 0.',
    ],
    ['epochs 1.5', good(), { epochs: 1.5 }, 'trainMlp: options.epochs must be a positive integer; got 1.5.'],
    [
      'no seed',
      good(),
      { seed: undefined },
      'trainMlp: options.seed must be an integer from -2147483648 to 2147483647; got undefined.',
    ],
    [
      'a split with no validation row',
      {
        ...good(),
        x: [
          [0, 1],
          [1, 0],
        ],
        labels: [0, 1],
      },
      { validationFraction: 0.1 },
      'trainMlp: validationFraction 0.1 leaves 2 training and 0 validation rows; each part needs at least one row.',
    ],
  ])('refuses %s with its message', async (_, data, options, message) => {
    await expect(trainMlp(data, { seed: 0, ...options })).rejects.toThrow(message);
  });

  it('leaves no tensor behind across two trainings and a refused one (after disposing the models)', async () => {
    const data = xor(60, 1);
    const before = tf.memory().numTensors;
    for (const seed of [0, 1])
      (await trainMlp(data, { hidden: [4], epochs: 3, patience: 1, seed })).model.dispose();
    await expect(trainMlp(data, { hidden: [0], seed: 0 })).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });
});
