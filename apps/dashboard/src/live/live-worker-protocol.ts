/** The messages between the dashboard and its live-model worker, and what a live model module exports. */
import type { LiveAttributionRequest, LiveFunction, LiveResponse } from './live-types.js';

/** What a module run in the worker must export: it loads its models there and returns the live function. */
export interface LiveModelModule {
  /** Called once per worker with `WorkerLiveOptions.data`; may take long (loading or training models). */
  loadLiveFunction(data: unknown): Promise<LiveFunction>;
}

/** `workerData` of the worker: the module's URL and its data (structured-cloned). */
export interface LiveWorkerData {
  readonly module: string;
  readonly data: unknown;
  /** Nice value of the worker thread (Linux); 0 leaves it. */
  readonly nice: number;
}

/** Dashboard → worker: compute one digit. */
export interface PredictMessage {
  readonly type: 'predict';
  readonly id: number;
  readonly pixels: Float32Array;
  /** What to attribute, if anything (passed to the live function as its third argument). */
  readonly attribution?: LiveAttributionRequest;
}

/** Worker → dashboard. */
export type WorkerMessage =
  /** The model is loaded; predictions may be sent. `niced`: whether the thread's priority was lowered. */
  | { readonly type: 'ready'; readonly niced: boolean }
  /** Loading failed; the worker exits. */
  | { readonly type: 'failed'; readonly message: string }
  /** One answer, with the tensors alive in the worker afterwards (a leak check). */
  | {
      readonly type: 'result';
      readonly id: number;
      readonly response: LiveResponse;
      readonly numTensors: number;
    }
  /** The live function threw. */
  | { readonly type: 'error'; readonly id: number; readonly message: string };
