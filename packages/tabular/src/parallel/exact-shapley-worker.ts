/**
 * The worker entry of {@link exactShapleyInWorkers}: rebuilds the model from its topology and weights, initializes
 * the same backend, explains its block of rows with `exactShapley` and posts the result (or the error's message).
 * Started as `dist/parallel/exact-shapley-worker.js` from the built package, or from this `.ts` through tsx's
 * loader (`workerSource` of `@openbox/runtime`) under vitest and tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@openbox/runtime';
import { explainedOutput } from '../core/explained-output.js';
import { fromLayersModel } from '../core/from-layers-model.js';
import { exactShapley } from '../shapley/exact-shapley.js';
import type { ExactShapleyJob, ExactShapleyReply } from './worker-protocol.js';

/** Explains the job's block; throws what the one-thread call would throw. */
async function run(job: ExactShapleyJob): Promise<ExactShapleyReply> {
  // 1. The same backend and the same model, weights bit for bit.
  await initBackend({ backend: job.backend });
  const model = await tfl.models.modelFromJSON(job.topology);
  const weights = job.weights.map((w) => tf.tensor(w.data, w.shape, w.dtype));
  model.setWeights(weights);
  tf.dispose(weights);
  // 2. The one-thread explainer on this block.
  const f = explainedOutput(fromLayersModel(model), {
    ...(job.target === undefined ? {} : { target: job.target }),
    ...(job.output === undefined ? {} : { output: job.output }),
  });
  const e = exactShapley.explain(f, job.x, {
    background: job.background,
    ...(job.batchRows === undefined ? {} : { batchRows: job.batchRows }),
  });
  model.dispose();
  const { method, label, baseValue, values, predictions } = e;
  return { ok: true, method, label, baseValue, values, predictions, delta: e.delta ?? new Float64Array(0) };
}

if (parentPort) {
  const port = parentPort;
  run(workerData as ExactShapleyJob).then(
    (reply) => {
      const transfer = reply.ok ? [reply.values.buffer, reply.predictions.buffer, reply.delta.buffer] : [];
      port.postMessage(reply, transfer as ArrayBuffer[]);
    },
    (error: unknown) =>
      port.postMessage({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ExactShapleyReply),
  );
}
