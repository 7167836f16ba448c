/** The logistic experiments through the real runner: same seed → same result JSON, a new seed → new data, no leaks. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../results-format.js';
import { RESULT_FILE } from '../results-format.js';
import { runSuite } from '../run-suite.js';
import { logisticCars } from './logistic-cars.js';
import { logisticPenguins } from './logistic-penguins.js';
import { logisticSynthetic } from './logistic-synthetic.js';

const EXPERIMENTS = [logisticPenguins, logisticCars, logisticSynthetic];
const out = mkdtempSync(join(tmpdir(), 'openbox-logistic-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const run = (seed: number, only?: string[]) =>
  runSuite({ experiments: EXPERIMENTS, out, quick: true, seed, cacheDir: out, ...(only ? { only } : {}) });
const resultText = (manifest: Manifest, id: string) =>
  readFileSync(join(out, manifest.runId, id, RESULT_FILE), 'utf8');

describe('logistic experiments in runSuite', () => {
  it('same seed, same result.json for every experiment; all hold; the tensor count stays flat across runs', async () => {
    const first = await run(3);
    const tensorsAfterFirst = tf.memory().numTensors;
    const second = await run(3);
    expect(tf.memory().numTensors).toBe(tensorsAfterFirst);
    expect(second.runId).not.toBe(first.runId);
    for (const entry of [...first.experiments, ...second.experiments]) {
      expect([entry.id, entry.status, entry.verdict?.status]).toEqual([entry.id, 'ok', 'holds']);
    }
    for (const { id } of EXPERIMENTS) {
      const text = resultText(first, id);
      expect(text).toBe(resultText(second, id));
      expect(JSON.parse(text).metrics.netVsExactMaxAbs).toBeLessThanOrEqual(1e-4);
    }
  });

  it('another seed draws another synthetic set (the seed reaches the data)', async () => {
    const [a, b] = [await run(3, ['logistic-synthetic']), await run(4, ['logistic-synthetic'])];
    const metrics = (m: Manifest) => JSON.parse(resultText(m, 'logistic-synthetic')).metrics;
    expect(metrics(a).n).toBe(metrics(b).n);
    expect(metrics(a).logLikelihood).not.toBe(metrics(b).logLikelihood);
  });
});
