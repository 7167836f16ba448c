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
import { trainedControl } from '../controls/trained-controls.js';
import { cnnFiltersVsLrTemplates, NEIGHBOUR_CORRELATION_MARGIN } from './cnn-filters-vs-lr-templates.js';
import { TEMPLATE_MATCH_MARGIN } from './lr-template-match.js';
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

  it('does not hold on the trained net whose first layer stayed at its initialization: accurate, but its filters were not learned', async () => {
    const frozen = await trainedControl(
      { cacheDir: defaultCacheDir(), progress: () => undefined },
      'frozen-first-layer',
    );
    const dir = join(out, 'frozen-model');
    await saveModel(frozen.adapter.model, dir);
    const r = await runAlone(join(out, 'frozen'), join(dir, 'model.json'));
    expect(r.verdict.status).toBe('does-not-hold');
    // The rest of the net learned (≥ 95%, beats LR), and the LR templates are the same as for the reference.
    expect([r.metrics['cnnBeatsLr'], r.metrics['templatesOnePerDigit']]).toEqual([true, true]);
    expect(r.metrics['filtersBeatControls']).toBe(false);
    expect(r.metrics['observedMargin'] as number).toBeLessThan(NEIGHBOUR_CORRELATION_MARGIN);
    expectReasonNamesMetrics(r);
  });

  it('states the template half with its numbers: 10 of 10 own-class best, the mean against three derangements', async () => {
    const r = await runAlone(join(out, 'reference-templates'));
    const m = r.metrics;
    expect(m['lrTrainRows']).toBe(8000);
    expect(m['templatesOwnClassBest']).toBe(10);
    expect(m['templateRequiredMargin']).toBe(TEMPLATE_MATCH_MARGIN);
    const nulls = [1, 2, 3].map((i) => m[`templateNull${i}MeanCorrelation`] as number);
    expect(
      Math.abs(
        (m['templateObservedMargin'] as number) -
          ((m['templatesOwnClassMeanCorrelation'] as number) - Math.max(...nulls)),
      ),
    ).toBeLessThanOrEqual(2e-4);
    expect(r.verdict.reason).toContain('(both trained on the same 8000 digits)');
    expect(r.verdict.reason).toContain(
      '10 of 10 LR templates correlate best with their own class-mean digit (needs 10).',
    );
    expect(r.verdict.reason).toContain(
      `mean correlation of each LR template with its own class-mean digit: trained ${m['templatesOwnClassMeanCorrelation']} vs `,
    );
    expect(r.verdict.evidence?.map((e) => [e.metric, e.holds])).toEqual([
      ['mean neighbour correlation of the first-layer filters', true],
      ['mean correlation of each LR template with its own class-mean digit', true],
    ]);
  });
});
