/**
 * Starts tfjs's multithreaded SIMD wasm build in Node, which tfjs 4.22 turns off there (its
 * `WASM_HAS_MULTITHREAD_SUPPORT` flag returns false under Node, tfjs issue #3830). XNNPACK then runs every
 * convolution and matrix product on a pthread pool: on the 2-core machines matmul and conv2d run ~1.7–1.9× faster,
 * with bit-identical results (each output tile is computed by one thread with the same micro-kernel).
 *
 * Three things stand in the way in Node, each bridged only while the backend initializes:
 * 1. tfjs hands Emscripten the pthread worker as a `blob:` URL, which Node's `Worker` cannot open. The worker's own
 *    source ships beside the build (`wasm-out/…threaded-simd.worker.js`); the `Worker` class Emscripten takes from
 *    `worker_threads` is swapped for one that runs that source with `eval: true` when given a `blob:` URL.
 * 2. That worker loads the main script from a Blob it cannot read in Node; its source is pointed at the build's
 *    main script on disk (`wasm-out/…threaded-simd.js`, the same factory tfjs bundles).
 * 3. The C++ side sizes its pool as `cores / 2` (assuming two hyper-threads per core), i.e. 1 thread on 2 cores, and
 *    caps the requested count by it; `os.cpus()` reports twice the cores for the duration of the init.
 * Anything unexpected (a changed build, no SharedArrayBuffer) is detected before touching tfjs and reported as the
 * reason the single-threaded build was used.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

const require = createRequire(import.meta.url);

/** The line of the pthread worker that loads the main script from the message's URL or Blob. */
const LOAD_MAIN_SCRIPT = 'if(typeof e.data.urlOrBlob=="string"){importScripts(e.data.urlOrBlob)}';

interface WasmBackendModule {
  setThreadsCount(threads: number): void;
  getThreadsCount(): number;
}

/** The pthread worker's source, pointed at the main script on disk, or why the build cannot be threaded here. */
function threadedWorkerSource(): { source: string } | { problem: string } {
  if (typeof SharedArrayBuffer === 'undefined') return { problem: 'SharedArrayBuffer is not available' };
  const out = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '..', 'wasm-out');
  const main = join(out, 'tfjs-backend-wasm-threaded-simd.js');
  const workerFile = join(out, 'tfjs-backend-wasm-threaded-simd.worker.js');
  if (!existsSync(main) || !existsSync(workerFile))
    return { problem: `the threaded build is missing from ${out}` };
  const contents = (require(workerFile) as { wasmWorkerContents?: unknown }).wasmWorkerContents;
  if (typeof contents !== 'string' || !contents.includes(LOAD_MAIN_SCRIPT))
    return { problem: 'the threaded worker source is not the one OpenBox knows (tfjs-backend-wasm changed)' };
  // The file is a template literal: its "\n" escapes became newlines inside string literals; escape them back.
  const source = contents
    .replace(/\n/g, '\\n')
    .replace(LOAD_MAIN_SCRIPT, `if(true){importScripts(${JSON.stringify(main)})}`);
  return { source };
}

/**
 * Registers nothing and initializes the wasm backend with `threads` XNNPACK threads. Returns the thread count tfjs
 * reports, or `{ problem }` without touching tfjs when the threaded build cannot run here (the caller then starts
 * the single-threaded build). Rejects when the threaded build was tried and failed.
 */
export async function loadThreadedWasm(threads: number): Promise<{ threads: number } | { problem: string }> {
  const worker = threadedWorkerSource();
  if ('problem' in worker) return worker;
  const { source } = worker;
  const wasm = require('@tensorflow/tfjs-backend-wasm') as WasmBackendModule;
  const workerThreads = require('node:worker_threads') as typeof import('node:worker_threads');
  const os = require('node:os') as typeof import('node:os');
  const RealWorker = workerThreads.Worker;
  const realCpus = os.cpus;
  let failure: ((error: Error) => void) | undefined;
  const failed = new Promise<never>((_, reject) => (failure = reject));
  // Emscripten keeps its pthread workers referenced, so a finished program would never exit. They are unreferenced
  // once the backend is up (during the init the main thread awaits their "loaded" messages, which must keep it
  // alive); a worker made later is unreferenced at once. Work on them is synchronous for the main thread.
  const started: import('node:worker_threads').Worker[] = [];
  let initialized = false;
  class PthreadWorker extends RealWorker {
    constructor(url: string | URL, options?: import('node:worker_threads').WorkerOptions) {
      const blob = String(url).startsWith('blob:');
      super(blob ? source : url, blob ? { ...options, eval: true } : options);
      this.once('error', (error) => failure?.(error));
      if (initialized) this.unref();
      else started.push(this);
    }
  }
  workerThreads.Worker = PthreadWorker;
  os.cpus = () => [...realCpus(), ...realCpus()];
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(threads);
  try {
    const ok = await Promise.race([tf.setBackend('wasm'), failed]);
    if (!ok) throw new Error('the threaded wasm module did not initialize');
    initialized = true;
    for (const w of started.splice(0)) w.unref();
  } finally {
    workerThreads.Worker = RealWorker;
    os.cpus = realCpus;
    failure = undefined;
  }
  return { threads: wasm.getThreadsCount() };
}
