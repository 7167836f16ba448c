import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SUITE_EXPERIMENTS } from '../experiments/registry.js';
import { runSuite } from '../run-suite.js';

// Real experiments of the registry, quick budget, on the default (warm) cache: the pool loads them from the
// registry's pool module. Seeds are forked by experiment id, so the worker count cannot change a result.
const IDS = ['layer-is-a-basis', 'logistic-synthetic', 'tabular-dummy-feature']; // registry order
/** Metric names that are wall times, the only values allowed to differ between runs. */
const TIMING = /(?:^|[A-Z_-])(?:ms|seconds|time)(?:$|[A-Z_-])|Ms$|Seconds$/i;

describe('the registry on a pool of workers', () => {
  const out = mkdtempSync(join(tmpdir(), 'openbox-registry-pool-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('workers 1 and 2 give the same result.json for three quick experiments (timings aside)', async () => {
    const run = (workers: number) =>
      runSuite({ experiments: SUITE_EXPERIMENTS, only: IDS, out, quick: true, seed: 0, workers });
    const results = async (workers: number) => {
      const m = await run(workers);
      expect(m.experiments.map((e) => [e.id, e.status])).toEqual(IDS.map((id) => [id, 'ok']));
      return IDS.map((id) => {
        const result = JSON.parse(readFileSync(join(out, m.runId, id, 'result.json'), 'utf8'));
        for (const key of Object.keys(result.metrics)) if (TIMING.test(key)) delete result.metrics[key];
        return result;
      });
    };
    const one = await results(1);
    expect(await results(2)).toEqual(one);
  }, 180_000);
});
