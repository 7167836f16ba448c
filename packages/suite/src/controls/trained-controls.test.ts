import * as tf from '@tensorflow/tfjs-core';
import { accuracyOn } from '@openbox/cnn-vis';
import { loadMnist } from '@openbox/datasets';
import { buildReferenceCnn, defaultCacheDir, initBackend } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRAINED_CONTROLS, trainedControl, type TrainedControl } from './trained-controls.js';

const ctx = { cacheDir: defaultCacheDir(), progress: () => undefined };
const weightsOf = (model: { getLayer(name: string): { getWeights(): tf.Tensor[] } }, layer: string) =>
  model
    .getLayer(layer)
    .getWeights()
    .map((w) => Array.from(w.dataSync()));

describe('trainedControl (the global setup trained them into the default cache)', () => {
  let judge: TrainedControl;
  let shuffled: TrainedControl;
  let frozen: TrainedControl;
  beforeAll(async () => {
    await initBackend();
    [judge, shuffled, frozen] = await Promise.all([
      trainedControl(ctx, 'judge'),
      trainedControl(ctx, 'shuffled-labels'),
      trainedControl(ctx, 'frozen-first-layer'),
    ]);
  });

  it('loads each once per process and cache folder', () => {
    expect(trainedControl(ctx, 'judge')).toBe(trainedControl(ctx, 'judge'));
    expect(trainedControl({ ...ctx, cacheDir: '/elsewhere' }, 'judge')).not.toBe(
      trainedControl(ctx, 'judge'),
    );
  });

  it('the judge is a reference-recipe CNN of seed 1: ≥ 98% on its own test split, with other weights', () => {
    expect([judge.meta.seed, judge.meta.recipe, judge.meta.epochs]).toEqual([1, undefined, 10]);
    expect(judge.label).toBe(TRAINED_CONTROLS.judge.label);
    const ownTest = loadMnist({ seed: 1 }).test;
    expect(accuracyOn(judge.adapter.model, ownTest)).toBeGreaterThanOrEqual(0.98);
    // Its split is not the reference's: the two test sets share only about a fifth of their digits (2,000 of 10,000).
    const referenceTest = new Set(loadMnist({ seed: 0 }).test.sourceIndex);
    const shared = Array.from(ownTest.sourceIndex!).filter((i) => referenceTest.has(i)).length;
    expect(shared).toBeLessThan(600);
    const reference = buildReferenceCnn({ seed: 0 });
    expect(weightsOf(judge.adapter.model, 'conv1')).not.toEqual(weightsOf(reference, 'conv1'));
    reference.dispose();
  });

  it('the shuffled-labels net predicts the true test labels at chance (≤ 20%)', () => {
    expect(shuffled.meta.recipe).toBe('shuffled-labels');
    const accuracy = accuracyOn(shuffled.adapter.model, loadMnist({ seed: 0 }).test);
    expect(accuracy).toBeLessThanOrEqual(0.2);
    expect(Math.abs(accuracy - shuffled.meta.testAccuracy)).toBeLessThanOrEqual(0.005);
  });

  it('the frozen-first-layer net keeps conv1 exactly at its seed-0 initialization while the rest trained (≥ 95%)', () => {
    expect(frozen.meta.recipe).toBe('frozen-first-layer');
    const initial = buildReferenceCnn({ seed: 0 });
    expect(weightsOf(frozen.adapter.model, 'conv1')).toEqual(weightsOf(initial, 'conv1'));
    expect(weightsOf(frozen.adapter.model, 'conv2')).not.toEqual(weightsOf(initial, 'conv2'));
    expect(frozen.meta.testAccuracy).toBeGreaterThanOrEqual(0.95);
    initial.dispose();
  });
});
