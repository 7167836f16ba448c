/** cnn-filters-vs-lr-templates alone: the reference CNN holds; the same architecture re-initialized does not. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadReferenceCnn } from '@openbox/cnn-vis';
import { createRng, defaultCacheDir, reinitializedCopy, saveModel } from '@openbox/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlSeeds } from '../controls/control-models.js';
import { readExperimentResult } from '../read-results.js';
import type { ExperimentResult } from '../results-format.js';
import { runSuite } from '../run-suite.js';
import { cnnFiltersVsLrTemplates, NEIGHBOUR_CORRELATION_MARGIN } from './cnn-filters-vs-lr-templates.js';
import { SUITE_EXPERIMENTS } from './registry.js';

const ID = 'cnn-filters-vs-lr-templates';
const SEED = 0;

/** Runs just this experiment (quick) through the runner, on the reference CNN or on `modelPath`. */
async function runAlone(out: string, modelPath?: string): Promise<ExperimentResult> {
  const manifest = await runSuite({
    experiments: SUITE_EXPERIMENTS,
    only: [ID],
    out,
    quick: true,
    seed: SEED,
    modelPath,
  });
  const entry = manifest.experiments[0]!;
  expect([entry.id, entry.status, entry.error]).toEqual([ID, 'ok', undefined]);
  return readExperimentResult(out, manifest.runId, ID)!;
}

/** The numbers of the controls verdict, as the metrics hold them. */
function controlNumbers(r: ExperimentResult): number[] {
  const m = r.metrics;
  return [
    m['meanNeighbourCorrelation'],
    m['neighbourCorrelationLower'],
    m['neighbourCorrelationUpper'],
    m['control1MeanNeighbourCorrelation'],
    m['control2MeanNeighbourCorrelation'],
    m['control3MeanNeighbourCorrelation'],
    m['requiredMargin'],
    m['observedMargin'],
  ] as number[];
}

/** The reason states each number exactly as the metrics give it, and the controls chart draws the same ones. */
function expectReasonNamesMetrics(r: ExperimentResult): void {
  const [trained, lower, upper, c1, c2, c3, required, observed] = controlNumbers(r);
  const seeds = controlSeeds(SEED);
  expect(seeds.map((_, i) => r.metrics[`control${i + 1}Seed`])).toEqual(seeds);
  const reason = r.verdict.reason;
  expect(reason).toContain(
    `mean neighbour correlation of the first-layer filters: trained ${trained} (95% bootstrap interval ${lower} to ${upper}) ` +
      `vs re-initialized (seed ${seeds[0]}) ${c1}, re-initialized (seed ${seeds[1]}) ${c2}, re-initialized (seed ${seeds[2]}) ${c3}; ` +
      `required margin ${required} (higher is better).`,
  );
  expect(reason).toContain(
    `CNN test accuracy ${(100 * (r.metrics['cnnTestAccuracy'] as number)).toFixed(1)}% vs logistic regression ${(100 * (r.metrics['lrTestAccuracy'] as number)).toFixed(1)}%`,
  );
  // The observed margin is the trained value minus the strongest control (both as computed, then rounded).
  expect(Math.abs(observed! - (trained! - Math.max(c1!, c2!, c3!)))).toBeLessThanOrEqual(2e-4);
  const drawn = (
    r.charts.find((c) => c.id === 'controls')!.spec as unknown as {
      layer: { data: { values: { value?: number }[] } }[];
    }
  ).layer[1]!.data.values.map((v) => v.value);
  expect(drawn).toEqual([trained, c1, c2, c3]);
}

describe('cnn-filters-vs-lr-templates against re-initialized controls', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'openbox-filters-controls-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('holds on the reference CNN: accuracy above LR and the filters beat every control by the margin', async () => {
    const r = await runAlone(join(out, 'reference'));
    expect(r.verdict.status).toBe('holds');
    expect([r.metrics['cnnBeatsLr'], r.metrics['filtersBeatControls']]).toEqual([true, true]);
    expect(r.metrics['requiredMargin']).toBe(NEIGHBOUR_CORRELATION_MARGIN);
    expect(r.metrics['observedMargin'] as number).toBeGreaterThanOrEqual(NEIGHBOUR_CORRELATION_MARGIN);
    expect(r.verdict.reason).toContain('the CNN is more accurate.');
    expect(r.verdict.reason).toContain('It beats every control by at least 0.2');
    expectReasonNamesMetrics(r);
    // The experiment run again with the same context gives the same metrics and leaves no tensor behind.
    const ctx = {
      seed: SEED,
      rng: createRng(SEED).fork(ID),
      quick: true,
      modelPath: undefined,
      cacheDir: defaultCacheDir(),
      progress: () => undefined,
    };
    const before = tf.memory().numTensors;
    const again = await cnnFiltersVsLrTemplates.run(ctx);
    expect(tf.memory().numTensors).toBe(before);
    expect(again.metrics).toEqual(r.metrics);
  });

  it('does not hold on the reference architecture re-initialized (--model): its filters are no better than controls', async () => {
    const { model } = await loadReferenceCnn({ seed: 0 });
    const untrained = reinitializedCopy(model, { seed: 12_345 });
    const dir = join(out, 'untrained-model');
    await saveModel(untrained, dir);
    untrained.dispose();
    model.dispose();
    const r = await runAlone(join(out, 'untrained'), join(dir, 'model.json'));
    expect(r.metrics['model']).toBe(join(dir, 'model.json'));
    expect(r.verdict.status).toBe('does-not-hold');
    expect(r.metrics['filtersBeatControls']).toBe(false);
    expect(r.metrics['observedMargin'] as number).toBeLessThan(NEIGHBOUR_CORRELATION_MARGIN);
    expect(r.verdict.reason).toContain('It does not beat every control:');
    expectReasonNamesMetrics(r);
  });
});
