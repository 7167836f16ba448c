import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../results-format.js';
import { runSuite, type SuiteEvent } from '../run-suite.js';
import { SuiteError } from '../suite-error.js';
import { POOL_EXPERIMENTS } from './test-pool-experiments.js';
import { POOL_EXPERIMENTS as UNLOADABLE } from './test-pool-unloadable.js';

const MODULE = new URL('./test-pool-experiments.ts', import.meta.url);
const pick = (...ids: string[]) => POOL_EXPERIMENTS.filter((e) => ids.includes(e.id));
/** Every file of a run but the manifest, by path, with its bytes as text. */
const runFiles = (out: string, runId: string): Record<string, string> => {
  const dir = join(out, runId);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.includes('.'));
  return Object.fromEntries(
    files
      .filter((p) => p !== 'manifest.json')
      .sort()
      .map((p) => [p, readFileSync(join(dir, p)).toString('base64')]),
  );
};
const withoutTimes = (m: Manifest) => m.experiments.map(({ durationMs: _, ...rest }) => rest);

describe('runSuite on a pool of workers', () => {
  let out: string;
  let cacheDir: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'openbox-pool-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'openbox-pool-cache-'));
  });
  afterEach(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('2 workers write the same files and manifest (but timings) as 1 worker, in the given order', async () => {
    const experiments = pick('sum-a', 'sum-b', 'sum-c');
    const run = (workers: number) =>
      runSuite({ experiments, out, cacheDir, seed: 5, workers, poolModule: MODULE, quick: true });
    const one = await run(1);
    const two = await run(2);
    expect(two.experiments.map((e) => e.id)).toEqual(['sum-a', 'sum-b', 'sum-c']);
    expect(withoutTimes(two)).toEqual(withoutTimes(one));
    expect(runFiles(out, two.runId)).toEqual(runFiles(out, one.runId));
    expect(Object.keys(runFiles(out, two.runId))).toEqual([
      'sum-a/bytes.png',
      'sum-a/pooled.png',
      'sum-a/result.json',
      'sum-b/bytes.png',
      'sum-b/pooled.png',
      'sum-b/result.json',
      'sum-c/bytes.png',
      'sum-c/pooled.png',
      'sum-c/result.json',
    ]);
  }, 60_000);

  it('records a throwing experiment and a worker that exits as failures; the others run; events carry ids', async () => {
    const events: SuiteEvent[] = [];
    const tensors = tf.memory().numTensors;
    const m = await runSuite({
      experiments: POOL_EXPERIMENTS,
      out,
      cacheDir,
      workers: 2,
      poolModule: MODULE,
      onEvent: (e) => events.push(e),
    });
    expect(m.experiments.map((e) => [e.id, e.status, e.error])).toEqual([
      ['sum-a', 'ok', undefined],
      ['sum-b', 'ok', undefined],
      ['sum-c', 'ok', undefined],
      ['throws', 'failed', 'deliberate failure in a worker'],
      [
        'exits',
        'failed',
        "runSuite: the worker running experiment 'exits' exited with code 7 before it finished.",
      ],
    ]);
    expect(readdirSync(out)).toEqual([m.runId]);
    expect(readdirSync(join(out, m.runId)).sort()).toEqual(['manifest.json', 'sum-a', 'sum-b', 'sum-c']);
    const of = (type: SuiteEvent['type']) => events.filter((e) => e.type === type);
    expect(
      of('start')
        .map((e) => (e.type === 'start' ? [e.id, e.index, e.total] : []))
        .sort(),
    ).toEqual([
      ['exits', 4, 5],
      ['sum-a', 0, 5],
      ['sum-b', 1, 5],
      ['sum-c', 2, 5],
      ['throws', 3, 5],
    ]);
    expect(new Set(of('progress').map((e) => (e.type === 'progress' ? e.id : '')))).toEqual(
      new Set(['sum-a', 'sum-b', 'sum-c']),
    );
    expect(
      of('end')
        .map((e) => (e.type === 'end' ? e.id : ''))
        .sort(),
    ).toEqual(['exits', 'sum-a', 'sum-b', 'sum-c', 'throws']);
    expect(tf.memory().numTensors).toBe(tensors);
  }, 60_000);

  it('on a cold cache trains the shared model once, in one worker, before the experiments that use it', async () => {
    const events: SuiteEvent[] = [];
    const experiments = pick('sum-a', 'sum-b', 'sum-c');
    const run = () =>
      runSuite({
        experiments,
        out,
        cacheDir,
        workers: 2,
        poolModule: MODULE,
        onEvent: (e) => events.push(e),
      });
    const cold = await run();
    const log = readFileSync(join(cacheDir, 'train.log'), 'utf8').trim().split('\n');
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/^start \d+$/);
    expect(log[1]).toBe(log[0]!.replace('start', 'end'));
    const order = events.map((e) => (e.type === 'prepare' ? 'prepare' : `${e.type} ${e.id}`));
    const lastPrepare = order.lastIndexOf('prepare');
    expect(lastPrepare).toBeGreaterThan(-1);
    expect(order.indexOf('start sum-a')).toBeGreaterThan(lastPrepare);
    expect(order.indexOf('start sum-b')).toBeGreaterThan(lastPrepare);
    for (const id of ['sum-a', 'sum-b']) {
      const result = JSON.parse(readFileSync(join(out, cold.runId, id, 'result.json'), 'utf8'));
      expect(result.metrics.model).toBe(5050);
    }
    // Warm: nothing is prepared and nothing is trained again.
    events.length = 0;
    await run();
    expect(events.some((e) => e.type === 'prepare')).toBe(false);
    expect(readFileSync(join(cacheDir, 'train.log'), 'utf8').trim().split('\n')).toHaveLength(2);
  }, 60_000);

  it('stops its workers and removes the partial when an onEvent callback throws', async () => {
    const error = await runSuite({
      experiments: pick('sum-a', 'sum-b', 'sum-c'),
      out,
      cacheDir,
      workers: 2,
      poolModule: MODULE,
      onEvent: (e) => {
        if (e.type === 'end') throw new Error('display crashed');
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('display crashed');
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);

  it('records every experiment as failed, naming the reason, when no worker can start', async () => {
    const m = await runSuite({
      experiments: UNLOADABLE,
      out,
      cacheDir,
      workers: 2,
      poolModule: new URL('./test-pool-unloadable.ts', import.meta.url),
    });
    const error = 'runSuite: no pool worker could start (this module cannot load in a worker).';
    expect(m.experiments.map((e) => [e.id, e.status, e.error])).toEqual([
      ['first', 'failed', error],
      ['second', 'failed', error],
    ]);
    expect(readdirSync(out)).toEqual([m.runId]);
  }, 60_000);

  it.each([0, 65, 1.5, Number.NaN])('rejects workers %s', async (workers) => {
    const error = await runSuite({ experiments: pick('sum-c'), out, workers }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SuiteError);
    expect((error as SuiteError).message).toBe(
      `runSuite: workers must be an integer from 1 to 64, got ${workers}.`,
    );
    expect(readdirSync(out)).toEqual([]);
  });
});
