/** The entry of the live-model worker thread: loads the model module named in `workerData`, answers predictions. */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from '../messages.js';
import type {
  LiveModelModule,
  LiveWorkerData,
  PredictMessage,
  WorkerMessage,
} from './live-worker-protocol.js';
import { lowerThreadPriority } from './lower-thread-priority.js';

const firstLine = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e)).split('\n').find((l) => l.trim() !== '') ?? 'unknown error';

/**
 * 0. lower this thread's priority (`nice`, Linux), so the server thread gets the CPU first;
 * 1. import the module and call its `loadLiveFunction(data)` (it initializes a tfjs backend and loads its
 *    models inside this thread); post `failed` and exit on any error;
 * 2. post `ready`, then answer each `predict` (with its attribution request, if any) with `result` (plain
 *    arrays, plus the live tensor count) or
 *    `error`, one at a time (the dashboard's queue sends one at a time anyway).
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('live-worker-main must run in a worker thread');
  const post = (m: WorkerMessage): void => port.postMessage(m);
  const { module, data, nice } = workerData as LiveWorkerData;
  const niced = lowerThreadPriority(nice);
  // 1. Load.
  let predict;
  try {
    const mod = (await import(module)) as Partial<LiveModelModule>;
    if (typeof mod.loadLiveFunction !== 'function') throw new Error(MESSAGES.liveWorkerBadModule(module));
    predict = await mod.loadLiveFunction(data);
  } catch (error) {
    post({ type: 'failed', message: firstLine(error) }); // the dashboard then terminates this thread
    return;
  }
  // 2. Serve, one message at a time.
  let chain = Promise.resolve();
  port.on('message', (m: PredictMessage) => {
    chain = chain.then(async () => {
      try {
        const r = await (m.attribution === undefined
          ? predict(m.pixels)
          : predict(m.pixels, undefined, m.attribution));
        const a = r.attribution;
        const response = {
          probabilities: Array.from(r.probabilities),
          lrScores: Array.from(r.lrScores),
          activations: r.activations.map((a) => ({ ...a, values: Array.from(a.values) })),
          ...(a === undefined ? {} : { attribution: { ...a, values: Array.from(a.values) } }),
        };
        post({ type: 'result', id: m.id, response, numTensors: tf.engine().state.numTensors });
      } catch (error) {
        post({ type: 'error', id: m.id, message: firstLine(error) });
      }
    });
  });
  post({ type: 'ready', niced });
}

await main();
