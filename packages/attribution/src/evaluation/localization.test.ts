import * as tf from '@tensorflow/tfjs-core';
import { makePatternImages } from '@openbox/datasets';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomValues, setupBackend } from '../test-models.js';
import { localization } from './localization.js';

beforeAll(setupBackend);

/** ROC AUC in float64 by counting every (mask, other) pair, ties half. */
function auc64(score: ArrayLike<number>, mask: ArrayLike<number>): number {
  let [pairs, wins] = [0, 0];
  for (let i = 0; i < score.length; i++)
    for (let j = 0; j < score.length; j++)
      if (mask[i] === 1 && mask[j] === 0) {
        pairs++;
        wins += score[i]! > score[j]! ? 1 : score[i] === score[j] ? 0.5 : 0;
      }
  return wins / pairs;
}

describe('localization', () => {
  it('hand cases: a peak inside, a peak outside, a flat map (a miss, AUC ½), |Φ| summed over channels', () => {
    const mask = [1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0];
    const phi = tf.tensor4d(
      [
        [0.9, 0.8, 0.1, 0.2], // inside ranks above: AUC 1, hit
        [0.1, 0.2, 0.9, 0.8], // AUC 0, miss
        [0.5, 0.5, 0.5, 0.5], // AUC ½, miss (tie)
      ].flat(),
      [3, 2, 2, 1],
    );
    const r = localization(phi, mask);
    expect(r.hits).toEqual([true, false, false]);
    expect(r.pointingAccuracy).toBeCloseTo(1 / 3, 7);
    expectArraysClose(r.auc, [1, 0, 0.5], 0);
    // Two channels of opposite sign: |−0.7| + |0.1| = 0.8 beats 0.5 + 0.2 = 0.7.
    const two = tf.tensor4d([-0.7, 0.1, 0.5, 0.2, 0, 0, 0, 0], [1, 2, 2, 2]);
    const s = localization(two, tf.tensor4d([1, 0, 0, 0], [1, 2, 2, 1]));
    expect(s.hits).toEqual([true]);
    expectArraysClose(s.auc, [1], 0);
    [phi, two].forEach((t) => t.dispose());
  });

  it('matches a float64 pair-counting AUC on random maps with ties, and is NaN for an empty mask', () => {
    const n = 3;
    const scores = randomValues(n * 64, 91).map((v) => Math.round(v * 4) / 4);
    const mask = Array.from(randomValues(n * 64, 92, 0, 1), (v) => (v < 0.3 ? 1 : 0));
    mask.fill(0, 128);
    const phi = tf.tensor4d(scores, [n, 8, 8, 1]);
    const r = localization(phi, mask);
    const abs = Array.from(scores, Math.abs);
    for (let i = 0; i < 2; i++) {
      // Ranks and counts are exact in float32; the division rounds at 6e-8.
      expect(r.auc[i]).toBeCloseTo(
        auc64(abs.slice(i * 64, (i + 1) * 64), mask.slice(i * 64, (i + 1) * 64)),
        6,
      );
    }
    expect(Number.isNaN(r.auc[2])).toBe(true);
    expect(r.hits[2]).toBe(false);
    expect(r.meanAuc).toBeCloseTo((r.auc[0]! + r.auc[1]!) / 2, 7);
    phi.dispose();
  });

  it("scores makePatternImages' bar: the image itself finds it (AUC 1, every hit), noise does not", () => {
    const ds = makePatternImages({ n: 6, size: 8, seed: 3 });
    const images = tf.tensor4d(ds.features, [6, 8, 8, 1]);
    const noise = tf.tensor4d(randomValues(6 * 64, 93), [6, 8, 8, 1]);
    const before = tf.memory().numTensors;
    const truth = localization(images, ds.patternMask);
    const random = localization(noise, ds.patternMask);
    expect(tf.memory().numTensors).toBe(before);
    expect(truth.hits.every(Boolean)).toBe(true);
    expectArraysClose(truth.auc, new Array(6).fill(1), 0);
    expect(Math.abs(random.meanAuc - 0.5)).toBeLessThan(0.2);
    [images, noise].forEach((t) => t.dispose());
  });

  it('rejects a mask of the wrong size and a map of the wrong rank, leaking nothing', () => {
    const phi = tf.zeros([2, 4, 4, 1]);
    const flat = tf.zeros([2, 16]);
    const before = tf.memory().numTensors;
    expect(() => localization(phi, new Uint8Array(16))).toThrow(
      'localization: the mask has 16 entries; it must have one per pixel, n × height × width = 32.',
    );
    expect(() => localization(flat, new Uint8Array(32))).toThrow(
      'localization: maps must be [n, height, width, channels]; got [2, 16].',
    );
    expect(tf.memory().numTensors).toBe(before);
    [phi, flat].forEach((t) => t.dispose());
  });
});
