import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceCnn } from '@openbox/cnn-vis';
import { loadMnist } from '@openbox/datasets';
import { defaultCacheDir, initBackend, tensorGrowth } from '@openbox/runtime';
import { loadLrTemplates } from '@openbox/suite';
import { referenceLive } from './reference-live.js';

const cacheDir = defaultCacheDir();

describe('referenceLive: the live endpoint on the real reference CNN and LR templates (in a worker)', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('answers for a test digit with the CNN probabilities and the LR scores an independent computation gives', async () => {
    const live = await referenceLive(cacheDir);
    const { test } = loadMnist({ seed: 0 });
    expect(live.digits?.count).toBe(test.shape[0]);
    const digit = live.digits!.get(7);
    expect(digit.label).toBe(test.target[7]);
    const reply = await live.predict(digit.pixels);
    // CNN probabilities: the model's own prediction.
    const { model } = await loadReferenceCnn({ cacheDir });
    const expected = tf.tidy(() =>
      (model.predict(tf.tensor4d(digit.pixels, [1, 28, 28, 1])) as tf.Tensor).dataSync(),
    );
    reply.probabilities.forEach((p, k) => expect(p).toBeCloseTo(expected[k]!, 5));
    // LR scores: b + W·x in float64 from the cached templates.
    const templates = loadLrTemplates(cacheDir);
    for (let k = 0; k < 10; k++) {
      let score = templates.intercepts[k]!;
      for (let j = 0; j < 784; j++) score += templates.weights[k * 784 + j]! * digit.pixels[j]!;
      expect(reply.lrScores[k]).toBeCloseTo(score, 3);
    }
    expect(reply.activations.length).toBeGreaterThan(0);
    // The models run in the worker: nothing grows here, and the worker's tensor count stays flat.
    expect(await tensorGrowth(() => live.predict(digit.pixels), 3)).toBe(0);
    const inWorker = live.workerTensors!;
    expect(inWorker).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) await live.predict(digit.pixels);
    expect(live.workerTensors).toBe(inWorker);
    model.dispose();
    await live.close();
  });
});
