/** How many pool workers a run starts and how many wasm threads each may use, so the cores are not oversubscribed. */
import { availableParallelism } from 'node:os';
import { SuiteError } from '../suite-error.js';
import { POOL_MESSAGES } from './messages.js';

/** Most workers `runSuite` starts. */
export const MAX_SUITE_WORKERS = 64;

/**
 * `requested` (1 to 64; default `os.availableParallelism()`) capped by the number of experiments the pool can run;
 * at least 1. A bad `requested` throws naming the value.
 * @example resolveWorkers(undefined, 19) // 2 on a 2-core machine
 */
export function resolveWorkers(requested: number | undefined, experiments: number): number {
  if (
    requested !== undefined &&
    (!Number.isInteger(requested) || requested < 1 || requested > MAX_SUITE_WORKERS)
  )
    throw new SuiteError('invalid-argument', POOL_MESSAGES.badWorkers(requested));
  const wanted = requested ?? Math.min(MAX_SUITE_WORKERS, availableParallelism());
  return Math.max(1, Math.min(wanted, experiments));
}

/** The most wasm threads `initBackend` accepts (the threaded build's pthread pool, runtime's `MAX_WASM_THREADS`). */
const MAX_WASM_THREADS = 8;

/**
 * wasm threads for each of `workers` pool workers on `cores` cores: 1 when workers ≥ cores, else ⌊cores ÷ workers⌋,
 * at most 8 — so the pool's threads never outnumber the cores.
 * @example wasmThreadsPerWorker(2, 2) // 1; wasmThreadsPerWorker(2, 8) // 4
 */
export function wasmThreadsPerWorker(workers: number, cores: number = availableParallelism()): number {
  return workers >= cores ? 1 : Math.min(MAX_WASM_THREADS, Math.max(1, Math.floor(cores / workers)));
}
