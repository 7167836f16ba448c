/** The CNN experiments through the real runner, every reported number recomputed here (float64, from the weights). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceCnn } from '@openbox/cnn-vis';
import { loadMnist, type Dataset } from '@openbox/datasets';
import { createRng, defaultCacheDir } from '@openbox/runtime';
import { vegaLiteValidator } from '../../../charts/src/test-schema.js';
import { readExperimentResult } from '../read-results.js';
import type { ExperimentResult, Manifest } from '../results-format.js';
import { runSuite } from '../run-suite.js';
import { loadLrTemplates } from './lr-templates.js';
import { SUITE_EXPERIMENTS } from './registry.js';
import {
  cnnWeights,
  forward,
  multinomialGradientNorm,
  pearson64,
  type CnnWeights,
} from './test-cnn-reference.js';
import { expectRounded } from './test-experiment-helpers.js';

/**
 * The experiments whose numbers this file recomputes across experiments (the reference forward pass, the LR optimum);
 * every CNN experiment also has its own focused test file, which recomputes its numbers and runs its controls.
 */
const CNN_IDS = ['cnn-filters-vs-lr-templates', 'max-patch-vs-filter'];
const SEED = 0;
/**
 * Float32 (tfjs, wasm) vs this file's float64 forward pass, measured on the first 200 test digits: max |Δ| 7.5e-7 on
 * the softmax; tolerance 10× that.
 */
const SOFTMAX_TOL = 7.5e-6;
/** Float64 here and in the experiments (distances, correlations of float32 pixels): only summation order differs. */
const F64_TOL = 1e-9;

describe('the CNN experiments on the reference CNN (quick budgets)', () => {
  let out: string;
  let manifest: Manifest;
  let model: tfl.LayersModel;
  let weights: CnnWeights;
  let test: Dataset;
  let train: Dataset;
  const result = (id: string): ExperimentResult => {
    const r = readExperimentResult(out, manifest.runId, id);
    if (r === undefined)
      throw new Error(`no result for ${id}: ${manifest.experiments.find((e) => e.id === id)?.error}`);
    return r;
  };
  const row = (i: number) => test.features.subarray(i * 784, (i + 1) * 784);

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'openbox-cnn-suite-'));
    manifest = await runSuite({
      experiments: SUITE_EXPERIMENTS,
      only: CNN_IDS,
      out,
      quick: true,
      seed: SEED,
    });
    ({ model } = await loadReferenceCnn({ seed: 0 }));
    weights = cnnWeights(model);
    ({ test, train } = loadMnist({ seed: 0 }));
  }, 600_000);
  afterAll(() => {
    model?.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  it('runs every CNN experiment without failure', () => {
    expect(manifest.experiments.map((e) => [e.id, e.status, e.error])).toEqual(
      CNN_IDS.map((id) => [id, 'ok', undefined]),
    );
  });

  it('every chart of every experiment validates against the Vega-Lite schema', () => {
    const validate = vegaLiteValidator();
    for (const id of CNN_IDS) {
      const charts = result(id).charts;
      expect(charts.length, id).toBeGreaterThanOrEqual(1);
      for (const chart of charts) {
        const ok = validate(chart.spec);
        expect(ok, `${id}/${chart.id}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
      }
    }
  });

  it("the float64 reference forward pass reproduces the model's own predictions", () => {
    const n = 200;
    const probs = tf.tidy(() =>
      (
        model.predict(tf.tensor4d(test.features.subarray(0, n * 784), [n, 28, 28, 1])) as tf.Tensor
      ).dataSync(),
    );
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const z = forward(weights, row(i)).logits;
      const e = Array.from(z, (v) => Math.exp(v - Math.max(...z)));
      const s = e.reduce((a, b) => a + b, 0);
      e.forEach((v, k) => (worst = Math.max(worst, Math.abs(v / s - probs[i * 10 + k]!))));
    }
    expect(worst).toBeLessThanOrEqual(SOFTMAX_TOL);
  });

  it('cnn-filters-vs-lr-templates: accuracies, the LR optimum, the neighbour correlations and the controls recomputed', () => {
    const r = result('cnn-filters-vs-lr-templates');
    const n = test.shape[0]!;
    expect(n).toBe(2000);
    // CNN: argmax of model.predict over the test split, counted here (k/2000 has ≤ 4 significant digits).
    let cnnRight = 0;
    for (let start = 0; start < n; start += 500) {
      const predicted = tf.tidy(() =>
        tf
          .argMax(
            model.predict(
              tf.tensor4d(test.features.subarray(start * 784, (start + 500) * 784), [500, 28, 28, 1]),
            ) as tf.Tensor,
            1,
          )
          .dataSync(),
      );
      predicted.forEach((k, i) => (cnnRight += k === test.target[start + i] ? 1 : 0));
    }
    expect(r.metrics['cnnTestAccuracy']).toBe(cnnRight / n);
    // LR: scores b + W x in float64, argmax counted here.
    const templates = loadLrTemplates(defaultCacheDir());
    let lrRight = 0;
    for (let i = 0; i < n; i++) {
      const x = row(i);
      const scores = templates.intercepts.map((b, k) =>
        x.reduce((s, v, j) => s + v * templates.weights[k * 784 + j]!, b),
      );
      lrRight += scores.indexOf(Math.max(...scores)) === test.target[i] ? 1 : 0;
    }
    expect(r.metrics['lrTestAccuracy']).toBe(lrRight / n);
    // The cached templates are the penalized optimum: ‖∇‖ recomputed on the 8,000 training rows they were fitted on
    // (pixels constant over those rows are 0 there and have weight 0, so they add nothing).
    expect([r.metrics['lrTrainRows'], r.metrics['lrL2']]).toEqual([8000, 10]);
    const gradient = multinomialGradientNorm(
      templates.weights,
      templates.intercepts,
      10,
      train.features,
      train.target,
      8000,
    );
    expectRounded(r.metrics['lrGradientNorm'], gradient, F64_TOL, 'lrGradientNorm');
    expect(gradient).toBeLessThanOrEqual(1e-3); // the fit's stopping rule, LR_GRADIENT_TOLERANCE
    expect(r.metrics['lrConverged']).toBe(true);
    // First-layer filters: the mean neighbour correlation, per filter from the kernel [5, 5, 1, 16] (the pairs
    // (w[y][x], w[y][x+1]) and (w[y][x], w[y+1][x]), pooled, one Pearson correlation), then over the 16 filters.
    const neighbour = (kernel: ArrayLike<number>, f: number) => {
      const w = (y: number, x: number) => kernel[(y * 5 + x) * 16 + f]!;
      const a: number[] = [];
      const b: number[] = [];
      for (let y = 0; y < 5; y++)
        for (let x = 0; x < 5; x++) {
          if (x < 4) (a.push(w(y, x)), b.push(w(y, x + 1)));
          if (y < 4) (a.push(w(y, x)), b.push(w(y + 1, x)));
        }
      return pearson64(a, b);
    };
    const perFilter = Array.from({ length: 16 }, (_, f) => neighbour(weights.conv1.kernel, f));
    const trainedMean = perFilter.reduce((a, b) => a + b, 0) / 16;
    expectRounded(r.metrics['meanNeighbourCorrelation'], trainedMean, F64_TOL, 'meanNeighbourCorrelation');
    // Its percentile bootstrap: 2,000 resamples of 16 filters by createRng(seed).fork(id).fork('bootstrap').int(16),
    // the 2.5% and 97.5% quantiles of the resampled means, interpolated between order statistics (type 7).
    const boot = createRng(SEED).fork('cnn-filters-vs-lr-templates').fork('bootstrap');
    const means = Array.from({ length: 2000 }, () => {
      let sum = 0;
      for (let i = 0; i < 16; i++) sum += perFilter[boot.int(16)]!;
      return sum / 16;
    }).sort((p, q) => p - q);
    const quantile = (p: number) => {
      const h = 1999 * p;
      const lo = Math.floor(h);
      return means[lo]! + (h - lo) * (means[lo + 1]! - means[lo]!);
    };
    expectRounded(r.metrics['neighbourCorrelationLower'], quantile(0.025), F64_TOL, 'lower');
    expectRounded(r.metrics['neighbourCorrelationUpper'], quantile(0.975), F64_TOL, 'upper');
    // The controls: seeds = three tfSeed()s of createRng(seed).fork('model-randomization'); each control's conv1 kernel
    // redrawn here from its glorot-uniform config, U(±√(6 / (25 + 400))) with u from createRng(s).fork('conv1/kernel'),
    // row-major, rounded to float32.
    const seedRng = createRng(SEED).fork('model-randomization');
    const limit = Math.sqrt(6 / (25 + 400));
    const controls = [1, 2, 3].map((i) => {
      const seed = seedRng.tfSeed();
      expect(r.metrics[`control${i}Seed`]).toBe(seed);
      const u = createRng(seed).fork('conv1/kernel');
      const kernel = Float64Array.from({ length: 400 }, () => Math.fround(limit * (2 * u.next() - 1)));
      const value =
        Array.from({ length: 16 }, (_, f) => neighbour(kernel, f)).reduce((a, b) => a + b, 0) / 16;
      expectRounded(r.metrics[`control${i}MeanNeighbourCorrelation`], value, F64_TOL, `control ${i}`);
      return value;
    });
    expect(r.metrics['requiredMargin']).toBe(0.2);
    expectRounded(
      r.metrics['observedMargin'],
      trainedMean - Math.max(...controls),
      F64_TOL,
      'observedMargin',
    );
    // The former edge rule, still reported: |Σw| / Σ|w| per filter, from the kernel.
    const ratios = Array.from({ length: 16 }, (_, f) => {
      const w = Array.from({ length: 25 }, (_, p) => weights.conv1.kernel[p * 16 + f]!);
      return Math.abs(w.reduce((a, b) => a + b, 0)) / w.reduce((a, b) => a + Math.abs(b), 0);
    });
    const edgeLike = ratios.filter((q) => q < 0.5).length;
    expect([r.metrics['filters'], r.metrics['edgeLikeFilters']]).toEqual([16, edgeLike]);
    expectRounded(
      r.metrics['meanFlatToContrastRatio'],
      ratios.reduce((a, b) => a + b, 0) / 16,
      F64_TOL,
      'ratio',
    );
    // The claim on these numbers: the CNN beats LR, and the trained filters' neighbour correlation and the lower end
    // of its interval lie beyond every control, the value by at least the margin.
    expect(cnnRight).toBeGreaterThan(lrRight);
    expect(trainedMean - Math.max(...controls)).toBeGreaterThanOrEqual(0.2);
    expect(quantile(0.025)).toBeGreaterThan(Math.max(...controls));
    expect([r.metrics['cnnBeatsLr'], r.metrics['filtersBeatControls']]).toEqual([true, true]);
    expect(r.verdict.status).toBe('holds');
  });

  it('is deterministic: the same seed gives the same result JSON', async () => {
    const again = await runSuite({
      experiments: SUITE_EXPERIMENTS,
      only: ['max-patch-vs-filter'],
      out,
      quick: true,
      seed: SEED,
    });
    for (const id of ['max-patch-vs-filter']) {
      const a = readFileSync(join(out, manifest.runId, id, 'result.json'), 'utf8');
      const b = readFileSync(join(out, again.runId, id, 'result.json'), 'utf8');
      expect(b, id).toBe(a);
    }
  }, 300_000);
});
