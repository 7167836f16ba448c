/** `createWorkerLive`: a live function that runs a model in a `node:worker_threads` Worker, restarted when stuck. */
import { Worker } from 'node:worker_threads';
import { siblingModuleUrl, workerSource } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
import type { LiveWorkerData, PredictMessage, WorkerMessage } from './live-worker-protocol.js';
import type {
  DigitSource,
  LiveAttributionRequest,
  LiveModelInfo,
  LiveOptions,
  LiveResponse,
} from './live-types.js';

/** Options of `createWorkerLive`. */
export interface WorkerLiveOptions {
  /**
   * A module exporting `loadLiveFunction(data): Promise<LiveFunction>` (see `LiveModelModule`); imported inside
   * the worker, so it loads its models there (functions cannot be sent to a worker). `.ts` URLs run through tsx.
   */
  readonly module: URL;
  /** Passed to `loadLiveFunction` (structured-cloned: plain data only). Default `undefined`. */
  readonly data?: unknown;
  /** The test digits `{ index }` picks from (they stay on the server thread). */
  readonly digits?: DigitSource;
  /** The attribution methods the module's live function runs (`LiveOptions.methods`). Default none. */
  readonly methods?: readonly string[];
  /** The model's input and classes (`LiveOptions.model`). Default: the reference MNIST model. */
  readonly model?: LiveModelInfo;
  /** A worker that has not loaded its model after this many ms is terminated. Default 600,000 (training). */
  readonly startTimeoutMs?: number;
  /**
   * Nice value (0–19) of the worker thread on Linux: the model gets the CPU the request thread leaves, so
   * pages stay fast on a busy machine. 0 keeps the process's priority. Default 10.
   */
  readonly nice?: number;
}

/** Live options whose `predict` runs in a worker, plus control over that worker. */
export interface WorkerLive extends LiveOptions {
  /** Resolves once the current worker has loaded its model; rejects with the reason when loading failed. */
  ready(): Promise<void>;
  /** Workers started after the first one (after a timeout, a crash or a failed start). */
  readonly restarts: number;
  /** Tensors alive in the worker after its last answer (a leak check); `undefined` before the first. */
  readonly workerTensors: number | undefined;
  /** Whether the current worker runs at the lower priority (`nice`; Linux only). */
  readonly niced: boolean;
  /** Terminates the worker; pending and later calls reject. */
  close(): Promise<void>;
}

/** Defaults of `WorkerLiveOptions`. */
export const WORKER_LIVE_DEFAULTS = { startTimeoutMs: 600_000, nice: 10 } as const;

interface Pending {
  resolve(r: LiveResponse): void;
  reject(e: Error): void;
}

interface Slot {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  readonly pending: Map<number, Pending>;
  loaded: boolean;
  dead: boolean;
}

const ENTRY = siblingModuleUrl('./live-worker-main', import.meta.url);

/**
 * A `LiveOptions` whose `predict(pixels, signal)` posts the pixels to a worker thread that imported `module`
 * and loaded its model, so the server's event loop stays free while the model computes:
 * 1. the worker starts at once (and after a crash or failed start, on the next call); calls wait for it;
 * 2. each call posts one message and resolves with the worker's answer; the worker is `ref`'d only while a
 *    call is pending, so an idle worker never keeps the process alive;
 * 3. when `signal` aborts a call the worker is computing (the dashboard's timeout), the worker is terminated,
 *    the call rejects, and a fresh worker starts (`restarts` + 1). A call aborted while the worker is still
 *    loading just rejects (the load goes on), so a slow start cannot turn into a restart loop;
 * 4. a crash (the thread exits or throws) rejects the pending calls with a message naming the module.
 * @example const live = createWorkerLive({ module: new URL('./my-model.js', import.meta.url), digits });
 *          await live.ready(); await serveDashboard({ resultsDir, live });
 */
export function createWorkerLive(options: WorkerLiveOptions): WorkerLive {
  const opts = { ...WORKER_LIVE_DEFAULTS, ...options };
  const name = opts.module.pathname.split('/').pop() ?? opts.module.href;
  const failure = (why: string) => new Error(MESSAGES.liveWorkerFailed(name, why));
  let current: Slot | undefined;
  let started = 0;
  let seq = 0;
  let closed = false;
  let workerTensors: number | undefined;
  let niced = false;

  const kill = (slot: Slot, error: Error): void => {
    if (slot.dead) return;
    slot.dead = true;
    for (const p of slot.pending.values()) p.reject(error);
    slot.pending.clear();
    if (current === slot) current = undefined;
    void slot.worker.terminate();
  };

  // 1. Start a worker and wait for its `ready`.
  const start = (): Slot => {
    started += 1;
    const workerData: LiveWorkerData = { module: opts.module.href, data: opts.data, nice: opts.nice };
    const source = workerSource(ENTRY, opts.module);
    const worker = new Worker(source.script, {
      workerData,
      eval: source.eval,
      ...(source.execArgv === undefined ? {} : { execArgv: source.execArgv }),
    });
    worker.unref();
    let settle!: { resolve(): void; reject(e: Error): void };
    const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    ready.catch(() => undefined);
    const slot: Slot = { worker, ready, pending: new Map(), loaded: false, dead: false };
    const timer = setTimeout(() => {
      const e = failure(`the model did not load within ${opts.startTimeoutMs} ms`);
      settle.reject(e);
      kill(slot, e);
    }, opts.startTimeoutMs);
    timer.unref();
    // 2. Answers.
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        slot.loaded = true;
        niced = m.niced;
        settle.resolve();
      } else if (m.type === 'failed') {
        clearTimeout(timer);
        const e = failure(m.message);
        settle.reject(e);
        kill(slot, e);
      } else {
        const p = slot.pending.get(m.id);
        slot.pending.delete(m.id);
        if (slot.pending.size === 0) worker.unref();
        if (m.type === 'result') {
          workerTensors = m.numTensors;
          p?.resolve(m.response);
        } else p?.reject(new Error(m.message));
      }
    });
    // 4. Crashes.
    const crashed = (why: string): void => {
      clearTimeout(timer);
      const e = failure(why);
      settle.reject(e);
      kill(slot, e);
    };
    worker.on('error', (err) => crashed(err.message));
    worker.on('exit', (code) => crashed(`the worker exited (code ${code})`));
    return slot;
  };

  const slot = (): Slot => (current ??= start());
  current = start();

  // 3. One call, abortable.
  const predict = async (
    input: Float32Array,
    signal?: AbortSignal,
    attribution?: LiveAttributionRequest,
  ): Promise<LiveResponse> => {
    if (closed) throw new Error(MESSAGES.liveWorkerClosed);
    const s = slot();
    const aborted = (): Error => new Error(MESSAGES.liveWorkerAborted);
    if (!s.loaded) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(aborted());
        signal?.addEventListener('abort', onAbort, { once: true });
        s.ready.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
      });
    }
    if (signal?.aborted) throw aborted();
    if (s.dead) throw failure('the worker stopped');
    return new Promise<LiveResponse>((resolve, reject) => {
      const id = ++seq;
      const onAbort = (): void => {
        if (!s.pending.has(id)) return;
        s.pending.delete(id);
        reject(aborted());
        kill(s, aborted());
        if (!closed) current = start();
      };
      const done = () => signal?.removeEventListener('abort', onAbort);
      s.pending.set(id, {
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      s.worker.ref();
      const pixels = Float32Array.from(input);
      const message: PredictMessage = {
        type: 'predict',
        id,
        pixels,
        ...(attribution === undefined ? {} : { attribution }),
      };
      s.worker.postMessage(message, [pixels.buffer]);
    });
  };

  return {
    predict,
    ...(opts.digits === undefined ? {} : { digits: opts.digits }),
    ...(opts.methods === undefined ? {} : { methods: opts.methods }),
    ...(opts.model === undefined ? {} : { model: opts.model }),
    ready: () => (closed ? Promise.reject(new Error(MESSAGES.liveWorkerClosed)) : slot().ready),
    get restarts() {
      return Math.max(0, started - 1);
    },
    get workerTensors() {
      return workerTensors;
    },
    get niced() {
      return niced;
    },
    async close() {
      closed = true;
      const s = current;
      if (s !== undefined) {
        kill(s, new Error(MESSAGES.liveWorkerClosed));
        await s.worker.terminate();
      }
    },
  };
}
