import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureLive } from '../fixtures/fixture-live.js';
import { createFixtureWorkerLive } from '../fixtures/fixture-worker-live.js';
import { useCpu } from '../test-live-helpers.js';
import { createWorkerLive } from './create-worker-live.js';
import type { WorkerLive } from './create-worker-live.js';

const pixels = (first: number) => {
  const p = new Float32Array(784).fill(0.25);
  p[0] = first;
  return p;
};
const timed = async <T>(p: Promise<T>) => {
  const t0 = performance.now();
  const settled = await p.then(
    (value) => ({ ok: true as const, value }),
    (error: Error) => ({ ok: false as const, error }),
  );
  return { ...settled, ms: performance.now() - t0 };
};

describe('createWorkerLive (real worker thread, fixture CNN)', () => {
  let live: WorkerLive;
  let tmp: string;
  beforeAll(async () => {
    await useCpu();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'openbox-worker-'));
    live = createFixtureWorkerLive({ stallMs: 20_000, crashOnHalf: true });
    await live.ready();
  });
  afterAll(async () => {
    await live.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('answers what the same model computes on this thread, and leaks no tensor in the worker', async () => {
    const here = createFixtureLive();
    try {
      const x = here.live.digits!.get(4).pixels;
      const [a, b] = [await live.predict(x), await here.live.predict(x)];
      a.probabilities.forEach((p, k) => expect(p).toBeCloseTo(b.probabilities[k]!, 6));
      a.lrScores.forEach((s, k) => expect(s).toBeCloseTo(b.lrScores[k]!, 5));
      expect(a.activations.map((l) => l.layer)).toEqual(['conv']);
      expect(live.digits?.count).toBe(100);
      const after = live.workerTensors!;
      expect(after).toBeGreaterThan(0); // the model's weights
      for (let i = 0; i < 5; i++) await live.predict(x);
      expect(live.workerTensors).toBe(after);
    } finally {
      here.dispose();
    }
  });

  it('stops a stuck computation on abort within a bound, restarts the worker, and answers again', async () => {
    const restarts = live.restarts;
    const abort = new AbortController();
    const stuck = live.predict(pixels(1), abort.signal);
    setTimeout(() => abort.abort(), 100);
    const r = await timed(stuck);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toBe(
      'the live computation was stopped (timeout); its worker is being restarted',
    );
    expect(r.ms).toBeLessThan(2000); // not the 20 s stall
    expect(live.restarts).toBe(restarts + 1);
    const again = await timed(live.predict(pixels(0.25)));
    expect(again.ok).toBe(true);
    expect(live.workerTensors).toBeGreaterThan(0);
  });

  it('rejects the call of a crashed worker with a message naming the module, then starts a new one', async () => {
    const restarts = live.restarts;
    const crash = await timed(live.predict(pixels(0.5)));
    expect(crash.ok).toBe(false);
    expect(!crash.ok && crash.error.message).toBe(
      'the live model worker (fixture-live-module.ts) failed: the worker exited (code 3)',
    );
    expect((await timed(live.predict(pixels(0.25)))).ok).toBe(true);
    expect(live.restarts).toBe(restarts + 1);
  });

  it('a call aborted before it is sent rejects at once and leaves the worker alone', async () => {
    const restarts = live.restarts;
    const abort = new AbortController();
    abort.abort();
    await expect(live.predict(pixels(0.25), abort.signal)).rejects.toThrow(
      'the live computation was stopped',
    );
    expect(live.restarts).toBe(restarts);
  });

  it.each([
    ['a module without loadLiveFunction', 'export const x = 1;\n', /must export loadLiveFunction/],
    [
      'a module whose loader throws',
      "export async function loadLiveFunction() { throw new Error('no weights in /nowhere\\nsecond line'); }\n",
      /failed: no weights in \/nowhere$/,
    ],
  ])(
    'fails to start with %s: ready() rejects naming the module and the reason',
    async (_name, source, why) => {
      const file = path.join(tmp, `${_name.replace(/\W+/g, '-')}.mjs`);
      await writeFile(file, source);
      const bad = createWorkerLive({ module: pathToFileURL(file) });
      try {
        const err = await bad.ready().catch((e: Error) => e);
        expect(err).toBeInstanceOf(Error);
        expect((err as Error).message).toMatch(/^the live model worker \(.+\.mjs\) failed: /);
        expect((err as Error).message).toMatch(why);
        await expect(bad.predict(pixels(0.25))).rejects.toThrow(/failed/);
      } finally {
        await bad.close();
      }
    },
  );

  it('fails to start when the model does not load within startTimeoutMs', async () => {
    const file = path.join(tmp, 'slow.mjs');
    await writeFile(file, 'export const loadLiveFunction = () => new Promise(() => {});\n');
    const slow = createWorkerLive({ module: pathToFileURL(file), startTimeoutMs: 300 });
    try {
      await expect(slow.ready()).rejects.toThrow('failed: the model did not load within 300 ms');
    } finally {
      await slow.close();
    }
  });

  it('rejects calls after close()', async () => {
    const other = createFixtureWorkerLive();
    await other.ready();
    await other.close();
    await expect(other.predict(pixels(0.25))).rejects.toThrow('the live model worker was closed');
    await expect(other.ready()).rejects.toThrow('the live model worker was closed');
  });

  it.runIf(process.platform === 'linux')(
    'runs the worker thread at nice 10, the server thread at 0',
    async () => {
      expect(live.niced).toBe(true);
      // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (after the ")" of the name).
      const tasks = await readdir(`/proc/${process.pid}/task`);
      const nices = await Promise.all(
        tasks.map(async (t) => {
          const stat = await readFile(`/proc/${process.pid}/task/${t}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
        }),
      );
      expect(nices).toContain(10);
      const main = await readFile(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8');
      expect(Number(main.slice(main.lastIndexOf(')') + 2).split(' ')[16])).toBe(0);
    },
  );

  it('creates no tensor on this thread', async () => {
    const before = tf.memory().numTensors;
    await live.predict(pixels(0.25));
    expect(tf.memory().numTensors).toBe(before);
  });
});
