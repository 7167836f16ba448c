import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAPLACIAN_KERNEL, loadReferenceCnn } from '@openbox/cnn-vis';
import { loadMnist } from '@openbox/datasets';
import { defaultCacheDir } from '@openbox/runtime';
import { vegaLiteValidator } from '../../../charts/src/test-schema.js';
import { readExperimentResult } from '../read-results.js';
import type { ExperimentResult, Manifest } from '../results-format.js';
import { runSuite } from '../run-suite.js';
import { loadLrTemplates } from './lr-templates.js';
import { SUITE_EXPERIMENTS } from './registry.js';

const CNN_IDS = [
  'laplacian-kernel',
  'cnn-filters-vs-lr-templates',
  'max-patch-vs-filter',
  'activation-maximization',
  'unimodality',
  'mode-vs-typical',
];

describe('the CNN experiments on the reference CNN (quick budgets)', () => {
  let out: string;
  let manifest: Manifest;
  const result = (id: string): ExperimentResult => {
    const r = readExperimentResult(out, manifest.runId, id);
    if (r === undefined)
      throw new Error(`no result for ${id}: ${manifest.experiments.find((e) => e.id === id)?.error}`);
    return r;
  };

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'openbox-cnn-suite-'));
    manifest = await runSuite({ experiments: SUITE_EXPERIMENTS, only: CNN_IDS, out, quick: true, seed: 0 });
  }, 600_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs every CNN experiment without failure', () => {
    expect(manifest.experiments.map((e) => [e.id, e.status, e.error])).toEqual(
      CNN_IDS.map((id) => [id, 'ok', undefined]),
    );
  });

  it('every chart of every experiment validates against the Vega-Lite schema', () => {
    const validate = vegaLiteValidator();
    for (const id of CNN_IDS) {
      for (const chart of result(id).charts) {
        const ok = validate(chart.spec);
        expect(ok, `${id}/${chart.id}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
      }
    }
  });

  it('laplacian-kernel: exactly 0 on flat patches, 1 on a unit step edge (closed form: one neighbour differs)', () => {
    const r = result('laplacian-kernel');
    expect(r.verdict.status).toBe('holds');
    expect(r.metrics['maxAbsOnFlat']).toBe(0);
    // Kernel on a step edge whose top row is 0 and the rest 1: the centre (1) gets −4 + 3 neighbours of 1 = −1.
    const centre =
      LAPLACIAN_KERNEL[1]![1]! +
      LAPLACIAN_KERNEL[1]![0]! +
      LAPLACIAN_KERNEL[1]![2]! +
      LAPLACIAN_KERNEL[2]![1]!;
    expect(Math.abs(Number(r.metrics['stepEdgeResponse']))).toBe(Math.abs(centre));
  });

  it('max-patch-vs-filter: the L2-ball optimum is the filter itself, the box optimum is not', () => {
    const r = result('max-patch-vs-filter');
    expect(Number(r.metrics['meanL2Correlation'])).toBeCloseTo(1, 4);
    expect(Number(r.metrics['minBoxCorrelation'])).toBeLessThan(0.99);
    expect(r.verdict.status).toBe('holds');
  });

  it('cnn-filters-vs-lr-templates: the accuracies are what an independent evaluation gives', async () => {
    const r = result('cnn-filters-vs-lr-templates');
    const { test } = loadMnist({ seed: 0 });
    const templates = loadLrTemplates(defaultCacheDir());
    // LR scores with a tfjs matmul (independent of the experiment's float64 loop).
    const lrAccuracy = tf.tidy(() => {
      const x = tf.tensor2d(test.features, [test.shape[0]!, 784]);
      const w = tf.transpose(tf.tensor2d(templates.weights, [10, 784]));
      const predicted = tf.argMax(tf.add(tf.matMul(x, w), tf.tensor1d(templates.intercepts)), 1);
      return tf.mean(tf.cast(tf.equal(predicted, tf.tensor1d(test.target, 'int32')), 'float32'));
    });
    expect(Number(r.metrics['lrTestAccuracy'])).toBeCloseTo(lrAccuracy.dataSync()[0]!, 3);
    lrAccuracy.dispose();
    const { model, meta } = await loadReferenceCnn({});
    expect(Number(r.metrics['cnnTestAccuracy'])).toBeCloseTo(meta.testAccuracy, 3);
    expect(Number(r.metrics['cnnTestAccuracy'])).toBeGreaterThan(Number(r.metrics['lrTestAccuracy']));
    expect(r.metrics['lrConverged'] === true || Number(r.metrics['lrGradientNorm']) < 1e-2).toBe(true);
    model.dispose();
  });

  it('activation-maximization: every objective rises; class visualizations are recognized by the CNN (>= 8 of 10)', () => {
    const r = result('activation-maximization');
    expect(Number(r.metrics['classesRecognized'])).toBeGreaterThanOrEqual(8);
    // Every objective rises (conv channels are optimized before their ReLU, so none starts without a gradient).
    expect(Number(r.metrics['objectivesRose'])).toBe(Number(r.metrics['objectives']));
  });

  it('mode-vs-typical and unimodality report numbers consistent with their verdicts', () => {
    const mode = result('mode-vs-typical');
    const units = Number(mode.metrics['units']);
    expect(mode.verdict.status === 'holds').toBe(Number(mode.metrics['atypicalUnits']) === units);
    for (const key of Object.keys(mode.metrics).filter((k) => k.endsWith(' optimizedActivation'))) {
      const unit = key.slice(0, -' optimizedActivation'.length);
      if (mode.verdict.status === 'holds')
        expect(Number(mode.metrics[key])).toBeGreaterThan(Number(mode.metrics[`${unit} bestRealActivation`]));
    }
    const uni = result('unimodality');
    expect(uni.verdict.status === 'holds').toBe(
      Number(uni.metrics['unimodalUnits']) === Number(uni.metrics['units']),
    );
  });

  it('is deterministic: the same seed gives the same result JSON', async () => {
    const again = await runSuite({
      experiments: SUITE_EXPERIMENTS,
      only: ['laplacian-kernel', 'max-patch-vs-filter', 'activation-maximization'],
      out,
      quick: true,
      seed: 0,
    });
    for (const id of ['laplacian-kernel', 'max-patch-vs-filter', 'activation-maximization']) {
      const a = readFileSync(join(out, manifest.runId, id, 'result.json'), 'utf8');
      const b = readFileSync(join(out, again.runId, id, 'result.json'), 'utf8');
      expect(b, id).toBe(a);
    }
  }, 300_000);
});
