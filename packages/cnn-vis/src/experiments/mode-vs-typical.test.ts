/** modeVsTypical, rbfUnitModel and startImage: every reported number recomputed here in float64. */
import * as tf from '@tensorflow/tfjs-core';
import { loadMnist, type Dataset } from '@openbox/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelAdapter } from '@openbox/runtime';
import { renderUnits } from '../render/render-units.js';
import { setupBackend } from '../test-models.js';
import { modeVsTypical } from './mode-vs-typical.js';
import { fitPcaDensity, pcaLogDensity, type PcaDensity } from './pca-density.js';
import { RBF_LAYER, rbfUnitModel } from './rbf-unit-model.js';
import { startImage } from './start-image.js';
import { unitObjective, unitValues } from './unit.js';

const D = 784;
const SIGMA = 8;
const COMPARED = 200;
/** tfjs float32 RBF values vs float64 here (see the first test). */
const REL_TOL = 2e-5;
const row = (data: Dataset, i: number) => data.features.subarray(i * D, (i + 1) * D);
/** exp(−‖x − d‖²/σ²) in float64. */
const rbf64 = (x: ArrayLike<number>, d: ArrayLike<number>) => {
  let s = 0;
  for (let p = 0; p < D; p++) s += (x[p]! - d[p]!) ** 2;
  return Math.exp(-s / (SIGMA * SIGMA));
};
/** R's type-7 quantile of unsorted values. */
const quantile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
};

describe('modeVsTypical on an RBF unit (its optimum is a known real digit)', () => {
  let test: Dataset;
  let density: PcaDensity;
  let centre: Float32Array;
  beforeAll(async () => {
    await setupBackend();
    const mnist = loadMnist({ seed: 0 });
    test = mnist.test;
    density = fitPcaDensity(mnist.train.features, 300, D, { components: 10 });
    centre = Float32Array.from(row(test, COMPARED)); // a digit outside the compared rows
  }, 120_000);

  it('rbfUnitModel computes exp(−‖x − d‖²/σ²): 1 at d, float64 values elsewhere, and frees d when disposed', () => {
    const before = tf.memory().numTensors;
    const model = rbfUnitModel(centre, [28, 28, 1], SIGMA);
    const images = Float32Array.from([...centre, ...row(test, 0), ...new Float32Array(D).fill(0.5)]);
    const values = unitValues(new ModelAdapter(model), { layer: RBF_LAYER, channel: 0 }, images, 3);
    // float32 sums of 784 squares then exp: the exponent's rounding (≤ 784 ulps of ≤ 3.2) moves the value by a relative
    // error of the same size; measured ≤ 2.6e-6 (grey); 2e-5 allowed.
    [centre, row(test, 0), new Float32Array(D).fill(0.5)].forEach((x, i) =>
      expect(Math.abs(values[i]! - rbf64(x, centre)) / rbf64(x, centre)).toBeLessThan(REL_TOL),
    );
    expect(values[0]).toBe(1);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [new Float32Array(10), 8, 'rbfUnitModel: centre must hold 784 values (28×28×1), got 10.'],
    [new Float32Array(D), 0, 'rbfUnitModel: sigma must be a finite number > 0, got 0.'],
    [new Float32Array(D), Number.NaN, 'rbfUnitModel: sigma must be a finite number > 0, got NaN.'],
  ])('rbfUnitModel refuses a bad centre or sigma (%#)', (c, sigma, message) => {
    expect(() => rbfUnitModel(c, [28, 28, 1], sigma)).toThrow(message);
  });

  it("startImage is renderUnits' first image: one step of learning rate 1e-9 moves it by under 1e-6", () => {
    const model = rbfUnitModel(centre, [28, 28, 1], SIGMA);
    const adapter = new ModelAdapter(model);
    const start = startImage(adapter, { seed: 4 });
    const stepped = renderUnits(adapter, unitObjective({ layer: RBF_LAYER, channel: 0 }), {
      steps: 1,
      learningRate: 1e-9,
      seed: 4,
      batchSize: 1,
    }).images;
    let worst = 0;
    for (let p = 0; p < D; p++) worst = Math.max(worst, Math.abs(start[p]! - stepped[p]!));
    expect(worst).toBeLessThan(1e-6);
    // Near-uniform grey: the default parameterization starts at sigmoid(≈ 0).
    expect(Math.min(...start)).toBeGreaterThan(0.45);
    expect(Math.max(...start)).toBeLessThan(0.55);
    expect(startImage(adapter, { seed: 5 })).not.toEqual(start);
    model.dispose();
  });

  it('reports activations, log-density, percentile and band recomputed here; same seed, same report; no tensor left', () => {
    const model = rbfUnitModel(centre, [28, 28, 1], SIGMA);
    const adapter = new ModelAdapter(model);
    const unit = { layer: RBF_LAYER, channel: 0 };
    const before = tf.memory().numTensors;
    const r = modeVsTypical(adapter, unit, test, { density, limit: COMPARED, steps: 64, seed: 2 });
    expect(tf.memory().numTensors).toBe(before);
    const acts = Array.from({ length: COMPARED }, (_, i) => rbf64(row(test, i), centre));
    const best = acts.indexOf(Math.max(...acts));
    expect([r.realImages, r.bestRealIndex]).toEqual([COMPARED, best]);
    // tfjs float32 vs float64 here, as above (values ≤ 1, so relative and absolute tolerances coincide).
    expect(Math.abs(r.bestRealActivation - acts[best]!)).toBeLessThan(REL_TOL);
    expect(Math.abs(r.optimizedActivation - rbf64(r.image, centre))).toBeLessThan(REL_TOL);
    expect(Math.abs(r.medianRealActivation - quantile(acts, 0.5))).toBeLessThan(REL_TOL);
    const real = Array.from(pcaLogDensity(density, test.features, COMPARED));
    const optimum = pcaLogDensity(density, r.image, 1)[0]!;
    expect(r.logDensity).toBe(optimum);
    expect(r.percentile).toBe((100 * real.filter((v) => v < optimum).length) / COMPARED);
    expect(r.realLogDensityP1).toBeCloseTo(quantile(real, 0.01), 9);
    expect(r.realLogDensityMedian).toBeCloseTo(quantile(real, 0.5), 9);
    // The optimum of an RBF unit rose toward d: closer to it than the start image.
    expect(r.optimizedActivation).toBeGreaterThan(rbf64(startImage(adapter, { seed: 2 }), centre));
    const again = modeVsTypical(adapter, unit, test, { density, limit: COMPARED, steps: 64, seed: 2 });
    expect(again).toEqual(r);
    model.dispose();
  });
});
