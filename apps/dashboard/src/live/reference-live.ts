/** Wires the dashboard's live endpoint to the real models (the reference CNN and the MNIST logistic templates) in a worker. */
import { siblingModuleUrl } from '@openbox/runtime';
import { createWorkerLive } from './create-worker-live.js';
import type { WorkerLive } from './create-worker-live.js';
import { LIVE_METHODS } from './live-methods.js';
import { mnistTestDigits } from './mnist-test-digits.js';
import type { ReferenceWorkerData } from './reference-live-module.js';

/**
 * Live options for the dashboard: a worker thread loads the CNN (trained and cached on first use) and the
 * logistic-regression templates and answers with the CNN's probabilities and per-layer activations and the
 * templates' scores (and, on request, an attribution by one of `LIVE_METHODS`); the digits are the MNIST test split (kept on the server thread). Resolves once the worker
 * has loaded the models (rejects with the reason if it cannot). The worker never keeps the process alive
 * when idle; `close()` ends it.
 * @example await serveDashboard({ resultsDir: 'results', live: await referenceLive(cacheDir) });
 */
export async function referenceLive(cacheDir: string): Promise<WorkerLive> {
  const data: ReferenceWorkerData = { cacheDir };
  const live = createWorkerLive({
    module: siblingModuleUrl('./reference-live-module', import.meta.url),
    data,
    digits: mnistTestDigits(),
    methods: LIVE_METHODS,
  });
  await live.ready();
  return live;
}
