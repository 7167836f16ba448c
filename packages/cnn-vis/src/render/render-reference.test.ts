import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceAdapter } from '../test-models.js';
import type { ImageModel } from '@openbox/runtime';
import { channel } from '../objectives/channel.js';
import { classLogit } from '../objectives/class-logit.js';
import { deepDream } from '../objectives/deep-dream.js';
import { direction } from '../objectives/direction.js';
import { diversity } from '../objectives/diversity.js';
import { neuron } from '../objectives/neuron.js';
import { negate, scale, sum, type Objective } from '../objectives/objective.js';
import { l1 } from '../regularizers/l1.js';
import { totalVariation } from '../regularizers/total-variation.js';
import { blur } from '../regularizers/blur.js';
import { renderUnits } from './render-units.js';
import type { RenderProgress } from './render-options.js';

let adapter: ImageModel;
beforeAll(async () => {
  adapter = (await referenceAdapter()).adapter;
});

const mean = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0) / v.length;

describe('activation maximization on the reference CNN', () => {
  const cases: [string, Objective, number][] = [
    ['neuron', neuron('conv2:pre', [0, 5], { x: 4, y: 4 }), 2],
    ['channel', channel('conv2:pre', [1, 2]), 2],
    ['layer (DeepDream)', deepDream('conv1'), 2],
    ['class logit', classLogit([3, 7]), 2],
    [
      'direction',
      direction(
        'conv2',
        Array.from({ length: 32 }, (_, i) => (i % 3 === 0 ? 1 : -0.5)),
      ),
      2,
    ],
    ['diversity + channel', sum(channel('conv2', 4), scale(0.5, diversity('conv1'))), 3],
    ['negated logit', negate(classLogit(1)), 2],
    [
      'channel − L1 − TV − blur',
      sum(channel('pool2', 6), scale(-1e-3, l1()), scale(-1e-3, totalVariation()), scale(-1e-2, blur())),
      2,
    ],
  ];
  it.each(cases)(
    '%s rises over the steps (last recorded value > first for every item)',
    (_, objective, batchSize) => {
      const r = renderUnits(adapter, objective, { steps: 48, batchSize, seed: 2, recordEvery: 8 });
      for (let b = 0; b < batchSize; b++) {
        const curve = r.curve[b]!;
        expect(curve[curve.length - 1]!).toBeGreaterThan(curve[0]!);
      }
      expect(r.curveSteps).toEqual([1, 8, 16, 24, 32, 40, 48]);
    },
  );

  it('class-logit visualizations are classified as their class for >= 8 of 10 digits', () => {
    const digits = Array.from({ length: 10 }, (_, i) => i);
    const r = renderUnits(adapter, classLogit(digits), { steps: 96, seed: 0 });
    const predicted = tf
      .tidy(() => tf.argMax(adapter.logits(tf.tensor4d(r.images, [...r.shape])), 1))
      .dataSync();
    const hits = digits.filter((d) => predicted[d] === d).length;
    expect(hits).toBeGreaterThanOrEqual(8);
  });

  it('same seed gives the same image bytes; another seed gives different ones', () => {
    const run = (seed: number) => renderUnits(adapter, channel('conv2', [0, 1]), { steps: 12, seed }).images;
    const a = run(4);
    expect(Buffer.from(run(4).buffer).equals(Buffer.from(a.buffer))).toBe(true);
    expect(Buffer.from(run(5).buffer).equals(Buffer.from(a.buffer))).toBe(false);
  });

  it('keeps the tensor count flat over 200 steps (progress every 25 steps)', () => {
    const counts: number[] = [];
    const progress: RenderProgress[] = [];
    renderUnits(adapter, channel('conv2:pre', [0, 1, 2, 3]), {
      steps: 200,
      seed: 1,
      progressEvery: 25,
      onProgress: (p) => (progress.push(p), counts.push(tf.memory().numTensors)),
    });
    expect(progress.map((p) => p.step)).toEqual([25, 50, 75, 100, 125, 150, 175, 200]);
    expect(progress[7]!.values.length).toBe(4);
    expect(new Set(counts).size).toBe(1);
    expect(mean(progress[7]!.values)).toBeGreaterThan(mean(progress[0]!.values));
  });
});
