import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, initBackend } from '@openbox/runtime';
import { runSuite } from '../run-suite.js';
import { SuiteError } from '../suite-error.js';
import { maxPatchVsFilter, maxPatchVsFilterOutput } from './max-patch-vs-filter.js';
import { halfLastDigit, pearson64 as pearson } from './test-cnn-reference.js';

/** A one-conv model (4 filters of 3×3 on 8×8×1) with the given kernel `[3, 3, 1, 4]` and bias `[4]`. */
function convModel(kernel: Float32Array, bias: Float32Array): tfl.LayersModel {
  const model = tfl.sequential();
  model.add(tfl.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, name: 'conv' }));
  model.add(tfl.layers.flatten());
  const weights = [tf.tensor4d(kernel, [3, 3, 1, 4]), tf.tensor1d(bias)];
  model.layers[0]!.setWeights(weights);
  tf.dispose(weights);
  return model;
}
const rng = createRng(5);
const finiteKernel = () => Float32Array.from({ length: 36 }, () => rng.normal());
const finiteBias = () => Float32Array.from({ length: 4 }, () => rng.normal());
const withValue = (values: Float32Array, index: number, value: number) => {
  const copy = Float32Array.from(values);
  copy[index] = value;
  return copy;
};
const REST = 'the claim cannot be measured on a model with NaN or infinite weights.';

beforeAll(async () => {
  await initBackend();
});

describe('max-patch-vs-filter', () => {
  it('on finite weights reports the measured L2 correlation (1 for w/‖w‖), not a hard-coded one', () => {
    const kernel = finiteKernel();
    const output = maxPatchVsFilterOutput(convModel(kernel, finiteBias()));
    expect(output.metrics['meanL2Correlation']).toBe(1);
    // Closed form: over the [0, 1] box the patch maximizing w·p + b is 1[w > 0]; its Pearson correlation with w,
    // computed here in float64 for each of the 4 random filters (kernel layout [3, 3, 1, 4]: filter f at p·4 + f).
    const box = [0, 1, 2, 3].map((f) => {
      const w = Array.from({ length: 9 }, (_, p) => kernel[p * 4 + f]!);
      return pearson(
        w.map((v) => (v > 0 ? 1 : 0)),
        w,
      );
    });
    expect(box).toHaveLength(4);
    // Reported with round4: |Δ| ≤ half a unit in the 4th significant digit (float64 on both sides otherwise).
    const mean = box.reduce((a, b) => a + b, 0) / 4;
    const min = Math.min(...box);
    expect(Math.abs(Number(output.metrics['meanBoxCorrelation']) - mean)).toBeLessThanOrEqual(
      halfLastDigit(mean),
    );
    expect(Math.abs(Number(output.metrics['minBoxCorrelation']) - min)).toBeLessThanOrEqual(
      halfLastDigit(min),
    );
    expect(min).toBeLessThan(0.99);
    expect(output.verdict.status).toBe('holds');
    expect(output.verdict.reason).toContain(
      'under an L2 ball the patch is w/‖w‖, which correlates 1.000 on average (min 1.000).',
    );
    expect(output.verdict.reason).not.toContain('(correlation 1)');
  });

  it.each([
    [
      'a NaN kernel weight',
      withValue(finiteKernel(), 5, Number.NaN),
      finiteBias(),
      `kernel weight (NaN at index 5)`,
    ],
    [
      'an infinite kernel weight',
      withValue(finiteKernel(), 0, -Infinity),
      finiteBias(),
      `kernel weight (-Infinity at index 0)`,
    ],
    [
      'every kernel weight NaN',
      new Float32Array(36).fill(Number.NaN),
      finiteBias(),
      `kernel weight (NaN at index 0)`,
    ],
    ['an infinite bias', finiteKernel(), withValue(finiteBias(), 1, Infinity), `bias (Infinity at index 1)`],
  ])('fails naming the layer on %s, never "holds"', (_case, kernel, bias, what) => {
    const model = convModel(kernel, bias);
    let error: unknown;
    try {
      maxPatchVsFilterOutput(model);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SuiteError);
    expect((error as SuiteError).code).toBe('non-finite');
    expect((error as SuiteError).message).toBe(
      `max-patch-vs-filter: layer 'conv' has a non-finite ${what}; ${REST}`,
    );
  });

  it('a run of it on NaN weights is recorded as failed with that message', async () => {
    const out = mkdtempSync(join(tmpdir(), 'openbox-max-patch-'));
    try {
      const model = convModel(new Float32Array(36).fill(Number.NaN), finiteBias());
      const manifest = await runSuite({
        experiments: [{ ...maxPatchVsFilter, run: async () => maxPatchVsFilterOutput(model) }],
        out,
      });
      expect(manifest.experiments.map((e) => [e.id, e.status, e.verdict, e.error])).toEqual([
        [
          'max-patch-vs-filter',
          'failed',
          undefined,
          `max-patch-vs-filter: layer 'conv' has a non-finite kernel weight (NaN at index 0); ${REST}`,
        ],
      ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
