/** The messages between `runInPool` (main thread) and `suite-worker.ts`, all structured-clone safe. */
import type { ExperimentOutput, SuiteImages } from '../experiment.js';

/** `workerData` of a pool worker. */
export interface PoolWorkerData {
  /** The pool module's URL (`href`). */
  readonly moduleUrl: string;
  /** The backend every worker uses: the main thread's choice, so all results come from one backend. */
  readonly backend: string;
  /** wasm threads of this worker (`initBackend`'s `threads`): the cores shared out among the workers. */
  readonly wasmThreads: number;
  readonly seed: number;
  readonly quick: boolean;
  readonly modelPath: string | undefined;
  readonly images: SuiteImages | undefined;
  readonly cacheDir: string;
}

/** Main → worker: run one job. `kind: 'prepare'` names a prerequisite, `'experiment'` an experiment id. */
export interface PoolJob {
  readonly kind: 'prepare' | 'experiment';
  readonly name: string;
}

/** Worker → main. */
export type PoolReply =
  | { readonly type: 'ready' }
  | {
      readonly type: 'progress';
      readonly name: string;
      readonly step: number;
      readonly total: number;
      readonly label?: string;
    }
  | { readonly type: 'done'; readonly name: string; readonly output?: ExperimentOutput; readonly ms: number }
  | { readonly type: 'failed'; readonly name: string; readonly error: string; readonly ms: number };
