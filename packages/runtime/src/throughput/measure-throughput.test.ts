import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../init-backend.js';
import { buildReferenceCnn } from '../reference-cnn.js';
import { measureInputGradientRate } from './measure-input-gradient.js';
import { measureTrainingThroughput } from './measure-training.js';

describe('throughput measurements', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  it('the reference CNN has the stated architecture and is seeded', () => {
    const a = buildReferenceCnn({ seed: 4 });
    const b = buildReferenceCnn({ seed: 4 });
    const c = buildReferenceCnn({ seed: 5 });
    expect(a.layers.map((l) => `${l.name}:${JSON.stringify(l.outputShape)}`)).toEqual([
      'conv1:[null,24,24,16]',
      'pool1:[null,12,12,16]',
      'conv2:[null,8,8,32]',
      'pool2:[null,4,4,32]',
      'flatten:[null,512]',
      'probs:[null,10]',
    ]);
    expect(a.countParams()).toBe(5 * 5 * 16 + 16 + 5 * 5 * 16 * 32 + 32 + 512 * 10 + 10);
    const wa = a.getWeights()[0]!.dataSync();
    expect(Array.from(b.getWeights()[0]!.dataSync())).toEqual(Array.from(wa));
    expect(Array.from(c.getWeights()[0]!.dataSync())).not.toEqual(Array.from(wa));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('training really trains (the loss on the repeated batch falls) and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const result = await measureTrainingThroughput({ batchSize: 16, steps: 15, warmup: 1, seed: 2 });
    expect(result.samplesPerSecond).toBeGreaterThan(0);
    expect(result.samplesPerSecond).toBeCloseTo((result.steps * result.batchSize) / result.seconds, 6);
    expect(result.lastLoss!).toBeLessThan(result.firstLoss! * 0.8);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('input gradients run and dispose everything', async () => {
    const before = tf.memory().numTensors;
    const result = await measureInputGradientRate({ batchSize: 8, steps: 3, warmup: 1 });
    expect(result.stepsPerSecond).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});
