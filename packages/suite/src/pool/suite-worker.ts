/**
 * The entry of a suite pool worker: initializes the main thread's backend once, imports the pool module, then runs
 * the jobs the main thread hands it one at a time — a prerequisite's `prepare` or a whole experiment — and posts
 * progress and each output back (the PNG buffers transferred, not copied). An experiment that throws is posted as
 * `failed` with its message; the worker stays up for the next job. Started as `dist/pool/suite-worker.js` from the
 * built package, or from this `.ts` through tsx's loader (`workerSource` of `@openbox/runtime`) under vitest and tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRng, initBackend, isBackendName } from '@openbox/runtime';
import type { ExperimentContext, ExperimentOutput } from '../experiment.js';
import { asPoolModule } from './pool-module.js';
import type { PoolJob, PoolReply, PoolWorkerData } from './worker-protocol.js';

/** The PNG buffers that can move without a copy: whole, distinct, non-shared ArrayBuffers. */
function transferables(output: ExperimentOutput): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { png } of output.artifacts) {
    const buffer = png.buffer;
    if (buffer instanceof ArrayBuffer && png.byteOffset === 0 && png.byteLength === buffer.byteLength)
      buffers.add(buffer);
  }
  return [...buffers];
}

async function main(port: NonNullable<typeof parentPort>, data: PoolWorkerData): Promise<void> {
  // 1. The same backend as the main thread (on its share of the cores), then the module's experiments and prerequisites.
  if (!isBackendName(data.backend)) throw new Error(`suite worker: unknown backend '${data.backend}'.`);
  await initBackend({ backend: data.backend, threads: data.wasmThreads });
  const mod = asPoolModule(await import(data.moduleUrl), new URL(data.moduleUrl));
  const experiments = new Map(mod.POOL_EXPERIMENTS.map((e) => [e.id, e]));
  const prerequisites = new Map(mod.POOL_PREREQUISITES.map((p) => [p.name, p]));
  const post = (reply: PoolReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
  // 2. One job at a time.
  const run = async (job: PoolJob): Promise<void> => {
    const started = performance.now();
    const progress = (step: number, total: number, label?: string) =>
      post({ type: 'progress', name: job.name, step, total, ...(label === undefined ? {} : { label }) });
    try {
      if (job.kind === 'prepare') {
        const prerequisite = prerequisites.get(job.name);
        if (prerequisite === undefined) throw new Error(`suite worker: no prerequisite '${job.name}'.`);
        await prerequisite.prepare({ cacheDir: data.cacheDir, progress });
        post({ type: 'done', name: job.name, ms: performance.now() - started });
        return;
      }
      const experiment = experiments.get(job.name);
      if (experiment === undefined) throw new Error(`suite worker: no experiment '${job.name}'.`);
      const ctx: ExperimentContext = {
        seed: data.seed,
        rng: createRng(data.seed).fork(experiment.id),
        quick: data.quick,
        modelPath: data.modelPath,
        ...(data.images === undefined ? {} : { images: data.images }),
        cacheDir: data.cacheDir,
        progress,
      };
      const output = await experiment.run(ctx);
      const reply: PoolReply = { type: 'done', name: job.name, output, ms: performance.now() - started };
      try {
        post(reply, transferables(output));
      } catch {
        post(reply); // a buffer that cannot be transferred (e.g. Node's Buffer pool) is copied instead
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      post({ type: 'failed', name: job.name, error: message, ms: performance.now() - started });
    }
  };
  let queue = Promise.resolve();
  port.on('message', (job: PoolJob) => {
    queue = queue.then(() => run(job));
  });
  post({ type: 'ready' });
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as PoolWorkerData).catch((error: unknown) => {
    // A worker that cannot start: the main thread records its jobs as failed with this message.
    port.postMessage({
      type: 'failed',
      name: '',
      error: error instanceof Error ? error.message : String(error),
      ms: 0,
    } satisfies PoolReply);
    process.exit(1);
  });
}
