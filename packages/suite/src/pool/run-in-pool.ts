/**
 * `runInPool`: whole experiments on `workers` worker threads, each with its own backend, so independent experiments
 * use every core. The main thread only schedules and forwards: (1) the cold-cache prerequisites go first, one worker
 * each, and an experiment that uses one waits until it is prepared (nothing is trained twice at once); (2) then the
 * experiments in the given order (longest first, so the last one to finish is short); (3) each reply is handed to
 * the caller, which writes the files. A worker that dies mid-job fails that job only; a fresh worker takes its place.
 * Cost: one backend start per worker (~0.3 s built, ~2 s from sources), then no copy of the PNG buffers.
 */
import { Worker } from 'node:worker_threads';
import { siblingModuleUrl, workerSource } from '@openbox/runtime';
import type { ExperimentOutput } from '../experiment.js';
import { POOL_MESSAGES } from './messages.js';
import type { PoolJob, PoolReply, PoolWorkerData } from './worker-protocol.js';

const ENTRY = siblingModuleUrl('./suite-worker', import.meta.url);

/** What {@link runInPool} needs; the callbacks may throw, which stops the pool and rejects with that error. */
export interface PoolOptions {
  /** The pool module the workers import (`pool-module.ts`). */
  readonly moduleUrl: URL;
  readonly workers: number;
  readonly data: Omit<PoolWorkerData, 'moduleUrl'>;
  /** Experiment ids in the order they are handed out. */
  readonly order: readonly string[];
  /** Prerequisites to prepare first, each with the ids that wait for it. */
  readonly prepare: readonly { readonly name: string; readonly usedBy: readonly string[] }[];
  onStart(id: string): void;
  onProgress(id: string, step: number, total: number, label: string | undefined): void;
  onPrepare(name: string, step: number, total: number, label: string | undefined): void;
  /** An experiment finished: its output, or the error message; `ms` as the worker measured it. */
  onDone(id: string, result: { output: ExperimentOutput } | { error: string }, ms: number): void;
  /** Aborting stops every worker and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  job: PoolJob | undefined;
  crash: string | undefined;
}

/**
 * Runs every id of `options.order` (and first every `options.prepare`) on a pool of workers; resolves when each has
 * been reported through `onDone`, with every worker terminated.
 * @example await runInPool({ moduleUrl, workers: 2, data, order, prepare: [], ...callbacks });
 */
export function runInPool(options: PoolOptions): Promise<void> {
  const pendingPrepares = options.prepare.map((p) => p.name);
  const blockedBy = new Map<string, Set<string>>(); // experiment id → prerequisites not yet prepared
  for (const p of options.prepare)
    for (const id of p.usedBy) blockedBy.set(id, new Set([...(blockedBy.get(id) ?? []), p.name]));
  const waiting = [...options.order];
  let unfinished = options.order.length + options.prepare.length;
  const slots: Slot[] = [];
  let startFailure: string | undefined;
  let settled = false;

  return new Promise<void>((resolve, reject) => {
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      const stopping = slots.splice(0).map((s) => s.worker.terminate());
      void Promise.all(stopping).then(() => (error === undefined ? resolve() : reject(error)));
    };
    const guarded = (action: () => void) => {
      try {
        action();
      } catch (error) {
        finish(error);
      }
    };
    const nextJob = (): PoolJob | undefined => {
      const name = pendingPrepares.shift();
      if (name !== undefined) return { kind: 'prepare', name };
      const index = waiting.findIndex((id) => (blockedBy.get(id)?.size ?? 0) === 0);
      if (index < 0) return undefined;
      return { kind: 'experiment', name: waiting.splice(index, 1)[0]! };
    };
    const completed = (
      job: PoolJob,
      result: { output: ExperimentOutput } | { error: string },
      ms: number,
    ) => {
      unfinished--;
      if (job.kind === 'prepare') for (const blocked of blockedBy.values()) blocked.delete(job.name);
      else options.onDone(job.name, result, Math.round(ms));
    };
    const dispatch = () => {
      if (settled) return;
      if (unfinished === 0) return finish();
      for (const slot of slots) {
        if (!slot.ready || slot.job !== undefined) continue;
        const job = nextJob();
        if (job === undefined) break;
        slot.job = job;
        if (job.kind === 'experiment') options.onStart(job.name);
        slot.worker.postMessage(job);
      }
      // No live worker left (none could start): every remaining job fails with the start-up error.
      if (slots.length === 0 && unfinished > 0) {
        const error = POOL_MESSAGES.noWorkerStarted(startFailure ?? 'unknown');
        for (let job = nextJob(); job !== undefined; job = nextJob()) completed(job, { error }, 0);
        for (const id of waiting.splice(0)) completed({ kind: 'experiment', name: id }, { error }, 0);
        finish();
      }
    };
    const onReply = (slot: Slot, reply: PoolReply) => {
      if (reply.type === 'ready') slot.ready = true;
      else if (reply.type === 'progress') {
        if (slot.job?.kind === 'prepare') options.onPrepare(reply.name, reply.step, reply.total, reply.label);
        else options.onProgress(reply.name, reply.step, reply.total, reply.label);
      } else if (!slot.ready) startFailure = reply.type === 'failed' ? reply.error : startFailure;
      else if (slot.job !== undefined) {
        const job = slot.job;
        slot.job = undefined;
        completed(job, reply.type === 'done' ? { output: reply.output! } : { error: reply.error }, reply.ms);
      }
      dispatch();
    };
    const onExit = (slot: Slot, code: number) => {
      if (settled) return;
      slots.splice(slots.indexOf(slot), 1);
      if (slot.job !== undefined) {
        const job = slot.job;
        const id = job.kind === 'experiment' ? job.name : `prepare:${job.name}`;
        const error =
          slot.crash === undefined
            ? POOL_MESSAGES.workerExited(id, code)
            : POOL_MESSAGES.workerCrashed(id, slot.crash);
        completed(job, { error }, 0);
      }
      // A worker that was running replaces itself while work is left; one that never started does not.
      if (slot.ready && unfinished > slots.filter((s) => s.job !== undefined).length) spawn();
      dispatch();
    };
    const spawn = () => {
      const source = workerSource(ENTRY, options.moduleUrl);
      const worker = new Worker(source.script, {
        eval: source.eval,
        ...(source.execArgv === undefined ? {} : { execArgv: source.execArgv }),
        workerData: { ...options.data, moduleUrl: options.moduleUrl.href } satisfies PoolWorkerData,
      });
      const slot: Slot = { worker, ready: false, job: undefined, crash: undefined };
      slots.push(slot);
      worker.on('message', (reply: PoolReply) => guarded(() => onReply(slot, reply)));
      worker.on('error', (error) => {
        slot.crash = error.message;
        if (!slot.ready) startFailure = error.message;
      });
      worker.on('exit', (code) => guarded(() => onExit(slot, code)));
    };
    if (unfinished === 0) return resolve();
    options.signal?.addEventListener('abort', () => finish(options.signal?.reason), { once: true });
    for (let i = 0; i < options.workers; i++) spawn();
  });
}
