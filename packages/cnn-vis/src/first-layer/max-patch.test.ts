import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { linearUnitModel, setupBackend } from '../test-models.js';
import { maxActivatingPatches } from './max-patch.js';
import { HAND_FILTERS, handConvModel } from './test-hand-conv.js';

beforeAll(setupBackend);

/** Pearson correlation in float64; 0 when either side is constant. */
function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

/** The float64 reference for one filter (weights as float32, as the layer stores them). */
function reference(w64: readonly number[], b: number) {
  const w = Array.from(Float32Array.from(w64));
  const norm = Math.sqrt(w.reduce((s, v) => s + v * v, 0));
  const box = w.map((v) => (v > 0 ? 1 : 0));
  const l2 = w.map((v) => (norm > 0 ? v / norm : 0));
  const dot = (x: number[]) => x.reduce((s, v, i) => s + v * w[i]!, 0) + b;
  return {
    box,
    l2,
    boxResponse: dot(box),
    l2Response: dot(l2),
    boxCorr: pearson(box, w),
    l2Corr: pearson(l2, w),
  };
}

describe('maxActivatingPatches on hand-set filters', () => {
  it('box patch 1[w > 0], L2 patch w/‖w‖, responses ⟨w, x⟩ + b and correlations match a float64 reference', () => {
    const before = tf.memory().numTensors;
    const bias = [0.5, -1, 2, 0.25];
    const model = handConvModel(HAND_FILTERS, 2, 3, 3, bias);
    const report = maxActivatingPatches(model);
    expect(report.layer).toBe('hand');
    expect(report.patches).toHaveLength(4);
    const refs = HAND_FILTERS.map((w, f) => reference(w, bias[f]!));
    report.patches.forEach((p, f) => {
      const r = refs[f]!;
      expect(p.filter).toBe(f);
      expectArraysClose(p.boxPatch, r.box, 0, `box patch ${f}`); // 0/1 exactly
      // The L2 patch is stored in float32: measured ≤ 1.5e-8, tolerance 1e-7.
      expectArraysClose(p.l2Patch, r.l2, 1e-7, `L2 patch ${f}`);
      // Box: float64 sums in another order, measured ≤ 2.2e-16, tolerance 1e-12. L2 response: the float32 patch,
      // measured ≤ 2.6e-8, tolerance 2e-7; L2 correlation measured ≤ 1.6e-15, tolerance 1e-13.
      expect(Math.abs(p.boxResponse - r.boxResponse)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(p.l2Response - r.l2Response)).toBeLessThanOrEqual(2e-7);
      expect(Math.abs(p.boxCorrelation - r.boxCorr)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(p.l2Correlation - r.l2Corr)).toBeLessThanOrEqual(1e-13);
    });
    // Filter 1 is all zero (zero patches, correlations 0), filter 2 all positive (box patch constant → 0).
    expect(report.patches[1]!.l2Correlation).toBe(0);
    expect(report.patches[2]!.boxCorrelation).toBe(0);
    // Filter 0 has one weight exactly 0: its box pixel is 0.
    expect(report.patches[0]!.boxPatch[4]).toBe(0);
    const box = refs.map((r) => r.boxCorr);
    const mean = box.reduce((s, v) => s + v, 0) / 4;
    const min = Math.min(...box);
    const meanL2 = refs.reduce((s, r) => s + r.l2Corr, 0) / 4;
    expect(Math.abs(report.meanBoxCorrelation - mean)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(report.minBoxCorrelation - min)).toBeLessThanOrEqual(1e-12);
    expect(report.verdict).toBe('holds-under-box');
    expect(report.summary).toBe(
      `Under the [0,1] box the max-activating patch of 'hand' correlates ${mean.toFixed(3)} on average ` +
        `(min ${min.toFixed(3)}) with its filter — a thresholded sign pattern, not the filter; under an L2 ball ` +
        `it is the filter scaled to unit norm (measured mean correlation ${meanL2.toFixed(3)}).`,
    );
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('without bias the responses are ⟨w, x⟩; a 0/0.5 filter (box correlation 1) makes the verdict does-not-hold', () => {
    const filters = [HAND_FILTERS[0]!, Array.from({ length: 18 }, (_, i) => (i % 3 === 0 ? 0.5 : 0))];
    const model = handConvModel(filters, 2, 3, 3);
    const report = maxActivatingPatches(model);
    const r0 = reference(filters[0]!, 0);
    expect(Math.abs(report.patches[0]!.boxResponse - r0.boxResponse)).toBeLessThanOrEqual(1e-12);
    expect(report.patches[1]!.boxCorrelation).toBeCloseTo(1, 12);
    expect(report.verdict).toBe('does-not-hold');
    model.dispose();
  });

  it('a model without Conv2D throws, naming maxActivatingPatches', () => {
    const model = linearUnitModel(new Float32Array(4), 2, 2, 1);
    expect(() => maxActivatingPatches(model)).toThrow(
      'maxActivatingPatches: the model has no Conv2D layer. Layers: flat, unit.',
    );
    model.dispose();
  });
});
