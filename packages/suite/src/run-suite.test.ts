import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Experiment } from './experiment.js';
import { listRuns, readExperimentResult } from './read-results.js';
import { runSuite, type SuiteEvent } from './run-suite.js';

// Small real experiments: the runner's behaviour (ordering, isolation of failures, atomic output) is what is tested.
const sumOfUniforms: Experiment = {
  id: 'sum-of-uniforms',
  title: 'Mean of uniforms',
  claim: 'The mean of many U(0,1) draws is close to 1/2.',
  async run(ctx) {
    const n = ctx.quick ? 1000 : 10_000;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += ctx.rng.next();
      if (i % 500 === 0) ctx.progress(i, n);
    }
    const mean = sum / n;
    return {
      metrics: { n, mean },
      verdict: {
        status: Math.abs(mean - 0.5) < 0.05 ? 'holds' : 'does-not-hold',
        reason: `mean ${mean.toFixed(4)} over ${n} draws`,
      },
      charts: [],
      artifacts: [{ file: 'tiny.png', title: 'bytes', png: new Uint8Array([137, 80, 78, 71]) }],
    };
  },
};
const broken: Experiment = {
  id: 'broken',
  title: 'Always fails',
  claim: 'Nothing.',
  async run() {
    throw new Error('deliberate failure');
  },
};

describe('runSuite', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'openbox-suite-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('writes a manifest and per-experiment results; a failing experiment does not stop the others', async () => {
    const events: SuiteEvent[] = [];
    const manifest = await runSuite({
      experiments: [broken, sumOfUniforms],
      out,
      quick: true,
      seed: 3,
      onEvent: (e) => events.push(e),
    });
    expect(manifest.experiments.map((e) => [e.id, e.status])).toEqual([
      ['broken', 'failed'],
      ['sum-of-uniforms', 'ok'],
    ]);
    expect(manifest.experiments[0]?.error).toBe('deliberate failure');
    expect(readdirSync(out)).toEqual([manifest.runId]);
    const result = readExperimentResult(out, manifest.runId, 'sum-of-uniforms');
    expect(result?.verdict.status).toBe('holds');
    expect(result?.artifacts).toEqual([{ file: 'tiny.png', title: 'bytes', mediaType: 'image/png' }]);
    expect(existsSync(join(out, manifest.runId, 'sum-of-uniforms', 'tiny.png'))).toBe(true);
    expect(existsSync(join(out, manifest.runId, 'broken'))).toBe(false);
    expect(events.filter((e) => e.type === 'start').map((e) => e.id)).toEqual(['broken', 'sum-of-uniforms']);
    expect(events.some((e) => e.type === 'progress')).toBe(true);
    expect(listRuns(out).map((m) => m.runId)).toEqual([manifest.runId]);
  });

  it('gives the same result JSON for the same seed and a different one for another seed', async () => {
    const read = async (seed: number) => {
      const m = await runSuite({ experiments: [sumOfUniforms], out, seed });
      return readFileSync(join(out, m.runId, 'sum-of-uniforms', 'result.json'), 'utf8');
    };
    const a = await read(1);
    expect(await read(1)).toBe(a);
    expect(await read(2)).not.toBe(a);
  });

  it('runs only the experiments asked for, and names unknown ids', async () => {
    const m = await runSuite({ experiments: [broken, sumOfUniforms], out, only: ['sum-of-uniforms'] });
    expect(m.experiments.map((e) => e.id)).toEqual(['sum-of-uniforms']);
    await expect(runSuite({ experiments: [broken, sumOfUniforms], out, only: ['nope'] })).rejects.toThrow(
      "runSuite: unknown experiment id 'nope' in only; known ids: broken, sum-of-uniforms.",
    );
  });

  it('ignores a run killed before its manifest (a hidden .partial folder)', async () => {
    let release: () => void = () => undefined;
    const slow: Experiment = {
      ...sumOfUniforms,
      id: 'slow',
      run: () =>
        new Promise(
          (r) =>
            (release = () =>
              r({ metrics: {}, verdict: { status: 'holds', reason: '' }, charts: [], artifacts: [] })),
        ),
    };
    const pending = runSuite({ experiments: [slow], out });
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(out).every((name) => name.startsWith('.'))).toBe(true);
    expect(listRuns(out)).toEqual([]);
    release();
    await pending;
    expect(listRuns(out)).toHaveLength(1);
  });

  it('rejects bad seeds, bad ids and bad artifact names', async () => {
    await expect(runSuite({ experiments: [], out, seed: -1 })).rejects.toThrow(
      'runSuite: seed must be a non-negative integer, got -1.',
    );
    await expect(runSuite({ experiments: [{ ...broken, id: 'Bad Id' }], out })).rejects.toThrow(
      "experiment id 'Bad Id' is not kebab-case",
    );
    const badArtifact: Experiment = {
      ...sumOfUniforms,
      id: 'bad-artifact',
      run: async (ctx) => ({
        ...(await sumOfUniforms.run(ctx)),
        artifacts: [{ file: '../x.png', title: '', png: new Uint8Array() }],
      }),
    };
    const m = await runSuite({ experiments: [badArtifact], out });
    expect(m.experiments[0]?.error).toBe(
      "runSuite: experiment 'bad-artifact' produced an artifact named '../x.png'; use a kebab-case name ending in .png.",
    );
  });
});
