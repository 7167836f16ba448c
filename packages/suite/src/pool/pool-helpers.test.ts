import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCacheDir } from '@openbox/runtime';
import { describe, expect, it } from 'vitest';
import { EXPERIMENT_IDS } from '../experiments/registry.js';
import { resolveWorkers, wasmThreadsPerWorker } from './pool-size.js';
import { scheduleOrder } from './schedule-order.js';
import { POOL_ESTIMATES_MS } from './suite-pool-module.js';
import { SUITE_PREREQUISITES } from './suite-prerequisites.js';

describe('scheduleOrder', () => {
  it('puts the longest first: previous durations over estimates, unknown ids last in their given order', () => {
    const previous = new Map([
      ['b', 9],
      ['d', 1],
    ]);
    expect(scheduleOrder(['a', 'b', 'c', 'd', 'e'], previous, { a: 5, d: 100 })).toEqual([
      'b',
      'a',
      'd',
      'c',
      'e',
    ]);
    expect(scheduleOrder(['x', 'y', 'z'], new Map())).toEqual(['x', 'y', 'z']);
  });

  it('the static estimates order the full suite with activation maximization first', () => {
    const full = Object.fromEntries(Object.entries(POOL_ESTIMATES_MS).map(([id, ms]) => [id, ms.full]));
    const order = scheduleOrder(EXPERIMENT_IDS, new Map(), full);
    expect(order).toHaveLength(EXPERIMENT_IDS.length);
    expect(order[0]).toBe('activation-maximization');
  });
});

describe('resolveWorkers and wasmThreadsPerWorker', () => {
  it('defaults to the cores, capped by the experiments; at least 1', () => {
    expect(resolveWorkers(undefined, 100)).toBe(Math.min(64, availableParallelism()));
    expect(resolveWorkers(undefined, 1)).toBe(1);
    expect(resolveWorkers(8, 3)).toBe(3);
    expect(resolveWorkers(4, 0)).toBe(1);
  });

  it.each([0, -1, 65, 2.5, Number.POSITIVE_INFINITY])('rejects %s naming the option', (bad) => {
    expect(() => resolveWorkers(bad, 5)).toThrow(
      `runSuite: workers must be an integer from 1 to 64, got ${bad}.`,
    );
  });

  it.each([
    [1, 2, 2],
    [2, 2, 1],
    [3, 2, 1],
    [2, 8, 4],
    [3, 8, 2],
    [1, 1, 1],
    [2, 64, 8],
  ])('%i workers on %i cores get %i wasm threads each', (workers, cores, threads) => {
    expect(wasmThreadsPerWorker(workers, cores)).toBe(threads);
  });
});

describe('SUITE_PREREQUISITES', () => {
  it('names the cached models and who uses them; a user model drops only the reference CNN', () => {
    expect(SUITE_PREREQUISITES.map((p) => p.name)).toEqual([
      'reference-cnn',
      'judge',
      'shuffled-labels',
      'lr-templates',
    ]);
    const [reference, judge] = SUITE_PREREQUISITES;
    expect(reference!.usedBy(undefined)).toHaveLength(11);
    expect(reference!.usedBy('/my/model.json')).toEqual([]);
    expect(judge!.usedBy('/my/model.json')).toEqual(['activation-maximization', 'attribution-sanity']);
    for (const p of SUITE_PREREQUISITES)
      for (const id of p.usedBy(undefined)) expect(EXPERIMENT_IDS).toContain(id);
  });

  it('isCached: false in an empty cache; true for the CNNs the global setup trained in the default cache', () => {
    const empty = mkdtempSync(join(tmpdir(), 'openbox-empty-cache-'));
    try {
      expect(SUITE_PREREQUISITES.map((p) => p.isCached(empty))).toEqual([false, false, false, false]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    expect(SUITE_PREREQUISITES.slice(0, 3).map((p) => p.isCached(defaultCacheDir()))).toEqual([
      true,
      true,
      true,
    ]);
  });
});
