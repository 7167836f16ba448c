/**
 * `RowPool`: worker threads that run {@link KERNELS} on ranges of `SharedArrayBuffer` arrays while the calling
 * thread runs its own share, for the synchronous exact fits. Task t goes to thread t mod threads (thread 0 = the
 * caller); the caller then blocks in `Atomics.wait` until every worker has signalled. Partial sums are written to
 * per-block slots that the caller adds in block order, so results are bit-identical for any thread count. Pools
 * are created once per thread count and their workers `unref`'d (they do not keep the process alive).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { siblingModuleUrl, workerSource } from '@openbox/runtime';
import { KERNELS, type PoolTask, type SharedArrays } from './pool-kernels.js';

const ENTRY = siblingModuleUrl('./row-pool-worker', import.meta.url);
const WAIT_MS = 120_000;

/** A float64 array on a fresh `SharedArrayBuffer`, filled from `from` when given. */
export function sharedFloat64(length: number, from?: ArrayLike<number>): Float64Array {
  const a = new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8), 0, length);
  if (from) a.set(from);
  return a;
}

/** An int32 array on a fresh `SharedArrayBuffer`, filled from `from`. */
export function sharedInt32(from: ArrayLike<number>): Int32Array {
  const a = new Int32Array(new SharedArrayBuffer(Math.max(1, from.length) * 4), 0, from.length);
  a.set(from);
  return a;
}

export class RowPool {
  private readonly workers: Worker[] = [];
  private readonly done = new Int32Array(new SharedArrayBuffer(8));
  private arrays: SharedArrays = {};

  /** `threads` >= 1 counting the caller: starts threads − 1 workers. */
  constructor(readonly threads: number) {
    const source = workerSource(ENTRY, ENTRY);
    for (let w = 1; w < threads; w++) {
      const worker = new Worker(source.script, {
        eval: source.eval,
        ...(source.execArgv === undefined ? {} : { execArgv: source.execArgv }),
      });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Makes `arrays` the ones the kernels see (every thread), unless they already are. */
  share(arrays: SharedArrays): void {
    if (this.arrays === arrays) return;
    this.arrays = arrays;
    for (const worker of this.workers) worker.postMessage({ type: 'share', arrays, done: this.done });
  }

  /** Runs every task (on the shared arrays), returning when all are done; throws if a worker's task failed. */
  run(tasks: readonly PoolTask[]): void {
    const n = this.threads;
    Atomics.store(this.done, 0, 0);
    Atomics.store(this.done, 1, 0);
    for (const [w, worker] of this.workers.entries())
      worker.postMessage({ type: 'run', tasks: tasks.filter((_, t) => t % n === w + 1) });
    for (let t = 0; t < tasks.length; t += n) KERNELS[tasks[t]!.kernel](this.arrays, tasks[t]!);
    const deadline = Date.now() + WAIT_MS;
    for (let v = Atomics.load(this.done, 0); v < this.workers.length; v = Atomics.load(this.done, 0)) {
      if (Date.now() > deadline) throw new Error('RowPool: a worker did not answer within 120 s');
      Atomics.wait(this.done, 0, v, 1000);
    }
    if (Atomics.load(this.done, 1) !== 0) throw new Error('RowPool: a worker task failed');
  }
}

const POOLS = new Map<number, RowPool>();

/** The shared pool of `threads` threads (default: the machine's cores), created on first use. */
export function rowPool(threads: number = os.availableParallelism()): RowPool {
  let pool = POOLS.get(threads);
  if (!pool) POOLS.set(threads, (pool = new RowPool(threads)));
  return pool;
}

/** `[from, to)` of `parts` contiguous blocks of `count` items, the first `count % parts` one longer. */
export function blocks(count: number, parts: number): [number, number][] {
  const base = Math.floor(count / parts);
  const longer = count % parts;
  const out: [number, number][] = [];
  for (let i = 0, from = 0; i < parts; i++) {
    const to = from + base + (i < longer ? 1 : 0);
    out.push([from, to]);
    from = to;
  }
  return out;
}
