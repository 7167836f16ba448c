/**
 * Test fixture, not built: a pool module of tiny experiments (`run-suite-pool.test.ts`) — seeded sums that report
 * progress and return PNG bytes, one that throws, one that ends its worker with `process.exit`, and one shared
 * "model" prerequisite that takes 300 ms to "train" and logs every training start and end to `cacheDir/train.log`.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Experiment } from '../experiment.js';
import type { Prerequisite } from './pool-module.js';

const modelFile = (cacheDir: string) => join(cacheDir, 'slow-model', 'weights.txt');

/** "Loads" the slow model (training it first when missing): the sum of 1..100. */
async function slowModel(cacheDir: string): Promise<number> {
  const file = modelFile(cacheDir);
  if (!existsSync(file)) {
    appendFileSync(join(cacheDir, 'train.log'), `start ${threadId}\n`);
    await new Promise((r) => setTimeout(r, 300));
    mkdirSync(join(cacheDir, 'slow-model'), { recursive: true });
    writeFileSync(file, String((100 * 101) / 2));
    appendFileSync(join(cacheDir, 'train.log'), `end ${threadId}\n`);
  }
  return Number(readFileSync(file, 'utf8'));
}

/** Sums `n` seeded uniforms in steps that yield, reporting progress; `usesModel` adds the slow model's value. */
const summing = (id: string, n: number, usesModel = false): Experiment => ({
  id,
  title: `Sum of ${n} uniforms`,
  claim: 'The mean of uniforms is near 1/2.',
  async run(ctx) {
    const model = usesModel ? await slowModel(ctx.cacheDir) : 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += ctx.rng.next();
      if (i % 100 === 0) {
        ctx.progress(i, n, 'summing');
        await new Promise((r) => setTimeout(r, 1));
      }
    }
    return {
      metrics: { n, sum, model, quick: ctx.quick, seed: ctx.seed },
      verdict: { status: Math.abs(sum / n - 0.5) < 0.1 ? 'holds' : 'does-not-hold', reason: `sum ${sum}` },
      charts: [],
      artifacts: [
        { file: 'bytes.png', title: 'bytes', png: new Uint8Array([137, 80, 78, 71, n % 256]) },
        { file: 'pooled.png', title: 'a pooled Buffer', png: Buffer.from([1, 2, 3]) },
      ],
    };
  },
});

export const POOL_EXPERIMENTS: readonly Experiment[] = [
  summing('sum-a', 500, true),
  summing('sum-b', 1500, true),
  summing('sum-c', 800),
  {
    id: 'throws',
    title: 'Throws',
    claim: 'Nothing.',
    run: async () => {
      throw new Error('deliberate failure in a worker');
    },
  },
  {
    id: 'exits',
    title: 'Ends its worker',
    claim: 'Nothing.',
    run: async () => process.exit(7),
  },
];

export const POOL_PREREQUISITES: readonly Prerequisite[] = [
  {
    name: 'slow-model',
    usedBy: () => ['sum-a', 'sum-b'],
    isCached: (cacheDir) => existsSync(modelFile(cacheDir)),
    async prepare(ctx) {
      ctx.progress(0, 1, 'training the slow model');
      await slowModel(ctx.cacheDir);
      ctx.progress(1, 1, 'training the slow model');
    },
  },
];

export const POOL_ESTIMATES_MS = { 'sum-b': { quick: 3, full: 3 } };
