/** unimodality, diversitySearch and their diverse starts: numbers recomputed in float64 from the returned images. */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cnnWeights,
  forward,
  meanPairwisePearson,
  pearson64,
} from '../../../suite/src/experiments/test-cnn-reference.js';
import type { ImageModel } from '@openbox/runtime';
import { referenceAdapter } from '../test-models.js';
import { perItemTransforms, startsParam, uniformStarts } from './diverse-starts.js';
import { diversitySearch } from './diversity-search.js';
import { relativeGap, unimodality } from './unimodality.js';
import { unitsObjective } from './units-objective.js';

const SIZE = 784;
const LOGIT3 = { layer: 'logits', channel: 3 };
const split = (images: Float32Array, n: number) =>
  Array.from({ length: n }, (_, i) => images.subarray(i * SIZE, (i + 1) * SIZE));
/** Float32 tfjs vs float64 here: logit 3 within 6.3e-6 on test digits (cnn-experiments.test.ts); 10×. */
const LOGIT_TOL = 6e-5;

let adapter: ImageModel;
let weights: ReturnType<typeof cnnWeights>;
beforeAll(async () => {
  const ref = await referenceAdapter();
  adapter = ref.adapter;
  weights = cnnWeights(ref.model);
});

describe('diverse starts', () => {
  it('uniform starts are spread out: pairwise correlation ≈ 0 (|mean| < 0.05 over 28 pairs; SD per pair 1/28)', () => {
    const starts = uniformStarts(8, SIZE, createRng(3));
    const r = meanPairwisePearson(split(starts, 8));
    expect(Math.abs(r)).toBeLessThan(0.05);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...starts)).toBeLessThan(1);
    expect(uniformStarts(8, SIZE, createRng(3))).toEqual(starts);
  });

  it('startsParam starts at the start image (clamped to [0.001, 0.999]) and rejects a wrong size', () => {
    const starts = Float32Array.from([0, 0.25, 0.5, 1]);
    const p = startsParam(starts)([1, 2, 2, 1], createRng(0));
    const img = tf.tidy(() => p.image().dataSync());
    p.dispose();
    [0.001, 0.25, 0.5, 0.999].forEach((v, i) => expect(Math.abs(img[i]! - v)).toBeLessThan(1e-6));
    expect(() => startsParam(starts)([2, 2, 2, 1], createRng(0))).toThrow(
      'startsParam: starts has 4 values, but the batch [2, 2, 2, 1] needs 8.',
    );
  });

  it('perItemTransforms draws per item: identical items come out different, the same rng gives the same', () => {
    const t = perItemTransforms(28, 1);
    const run = (seed: number) =>
      tf.tidy(() => {
        const one = tf.tensor4d(uniformStarts(1, SIZE, createRng(1)), [1, 28, 28, 1]);
        return Array.from(t(tf.tile(one, [6, 1, 1, 1]), createRng(seed)).dataSync());
      });
    const out = run(5);
    const n = out.length / 6;
    const items = Array.from({ length: 6 }, (_, i) => out.slice(i * n, (i + 1) * n));
    for (let i = 1; i < 6; i++) expect(items[i]).not.toEqual(items[0]);
    expect(run(5)).toEqual(out);
  });
});

describe('unimodality', () => {
  it('its correlations, activations and gap match a float64 recomputation from the returned images', () => {
    const nullUnit = { layer: 'logits', channel: 5 };
    const before = tf.memory().numTensors;
    const r = unimodality(adapter, LOGIT3, { starts: 3, steps: 24, seed: 2, nullUnits: [nullUnit] });
    expect(tf.memory().numTensors).toBe(before);
    const optima = split(r.images, 3);
    const nulls = split(r.nullImages[0]!, 3);
    expect(Math.abs(r.withinUnit.mean - meanPairwisePearson(optima))).toBeLessThan(1e-9);
    let cross = 0;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) if (i !== j) cross += pearson64(optima[i]!, nulls[j]!) / 6;
    expect(Math.abs(r.crossUnit!.mean - cross)).toBeLessThan(1e-9);
    expect(Math.abs(r.startSimilarity.mean - meanPairwisePearson(split(r.startImages, 3)))).toBeLessThan(
      1e-9,
    );
    const acts = optima.map((o) => forward(weights, o).logits[3]!);
    acts.forEach((a, i) => expect(Math.abs(r.activations[i]! - a)).toBeLessThan(LOGIT_TOL));
    const startActs = split(r.startImages, 3).map((o) => forward(weights, o).logits[3]!);
    startActs.forEach((a, i) => expect(Math.abs(r.startActivations[i]! - a)).toBeLessThan(LOGIT_TOL));
    // Every optimum rose well above its start (24 steps of ascent; measured rises 4.0 and more at seed 2).
    acts.forEach((a, i) => expect(a).toBeGreaterThan(startActs[i]! + 2));
    const max = Math.max(...acts);
    expect(Math.abs(r.activationGap - (max - Math.min(...acts)) / Math.abs(max))).toBeLessThan(1e-5);
    // Same seed, same optima; another seed, other starts.
    expect(
      unimodality(adapter, LOGIT3, { starts: 3, steps: 24, seed: 2, nullUnits: [nullUnit] }).images,
    ).toEqual(r.images);
    expect(unimodality(adapter, LOGIT3, { starts: 3, steps: 4, seed: 3 }).startImages).not.toEqual(
      r.startImages,
    );
  });

  it('relativeGap is (max − min)/|max|, 0 for equal values', () => {
    expect(relativeGap([2, 1.5, 1])).toBe(0.5);
    expect(relativeGap([-1, -2])).toBe(1);
    expect(relativeGap([3, 3])).toBe(0);
  });

  it('refuses fewer than 2 starts and units of two layers', () => {
    expect(() => unimodality(adapter, LOGIT3, { starts: 1 })).toThrow('unimodality');
    expect(() => unitsObjective('unimodality', [LOGIT3, { layer: 'conv2:pre', channel: 0 }], 2)).toThrow(
      "unimodality: every unit must be in layer 'logits', got 'conv2:pre:0'.",
    );
  });
});

describe('diversitySearch', () => {
  it('near-optimal images and their least alike pair recomputed; the multimodal rule follows differentBelow', () => {
    const base = { best: 4, diversityLayer: 'conv1', images: 3, steps: 24, seed: 2, differentBelow: 2 };
    // The gap only sets the near-optimal floor (best − gap·|best|), not the optimization: choose it so the two best
    // images are near-optimal whatever values the cached reference CNN gives (its training is not bit-stable
    // across kernel changes), so the least-alike pair below is always defined.
    const first = diversitySearch(adapter, LOGIT3, base);
    const second = [...first.activations].sort((a, b) => b - a)[1]!;
    const gap = Math.max(0, (4 - second) / 4) + 1e-6;
    const options = { ...base, gap };
    const before = tf.memory().numTensors;
    const d = diversitySearch(adapter, LOGIT3, options);
    expect(tf.memory().numTensors).toBe(before);
    expect(d.images).toEqual(first.images);
    const imgs = split(d.images, 3);
    const acts = imgs.map((o) => forward(weights, o).logits[3]!);
    acts.forEach((a, i) => expect(Math.abs(d.activations[i]! - a)).toBeLessThan(LOGIT_TOL));
    const near = [0, 1, 2].filter((i) => acts[i]! >= 4 - gap * 4);
    expect(d.nearOptimal).toEqual(near);
    expect(near.length).toBeGreaterThanOrEqual(2);
    let min = Infinity;
    for (const i of near) for (const j of near) if (i < j) min = Math.min(min, pearson64(imgs[i]!, imgs[j]!));
    expect(Math.abs(d.minNearCorrelation! - min)).toBeLessThan(1e-9);
    expect(d.multimodal).toBe(true); // every correlation is below 2
    expect(diversitySearch(adapter, LOGIT3, { ...options, differentBelow: -2 }).multimodal).toBe(false);
    // A best no image reaches: nothing is near-optimal, so nothing is multimodal.
    const far = diversitySearch(adapter, LOGIT3, { ...base, best: 1e6 });
    expect([far.nearOptimal, far.minNearCorrelation, far.multimodal]).toEqual([[], undefined, false]);
  });
});
