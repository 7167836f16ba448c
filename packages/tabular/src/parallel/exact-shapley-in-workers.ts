/**
 * Exact interventional Shapley values (the formula and papers of `exactShapley`) of a tfjs MLP on every core: the
 * rows of x are split into contiguous blocks, one per `node:worker_threads` Worker, and each worker runs the
 * one-thread `exactShapley.explain` on its block (tfjs wasm runs single-threaded in Node, so one call uses one core).
 *
 * Deterministic whatever the number of workers: each row's 2^d coalition values depend on that row, the background
 * and the model only, and a row's forward passes do not depend on which other rows share its batch, so the result
 * equals the one-thread call bit for bit (tested for 1, 2 and 3 workers). The weights travel as their float32 bits.
 * SHAP has no counterpart (its `Exact` explainer runs in one process).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { siblingModuleUrl, workerSource } from '@openbox/runtime';
import { explainedOutput, type OutputSpace } from '../core/explained-output.js';
import type { Explanation } from '../core/explanation.js';
import { fromLayersModel } from '../core/from-layers-model.js';
import type { Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { exactGame } from '../shapley/coalition-values.js';
import { serializeModel, type ExactShapleyJob, type ExactShapleyReply } from './worker-protocol.js';

/** Most workers {@link exactShapleyInWorkers} starts. */
export const MAX_WORKERS = 64;

/** Options of {@link exactShapleyInWorkers}. */
export interface ExactShapleyInWorkersOptions {
  /** The rows absent features are drawn from (every row is used). */
  readonly background: Matrix;
  /** The class explained; default as `explainedOutput` (1 for a sigmoid head, else 0). */
  readonly target?: number;
  /** `'probability'` or `'logit'`; default as `explainedOutput` (`'probability'`). */
  readonly output?: OutputSpace;
  /** Workers started (1 to 64, never more than x's rows). Default `os.availableParallelism()`, capped at 64. */
  readonly workers?: number;
  /** The backend of every worker. Default: the one tf is using now (`tf.getBackend()`), which must be one of these. */
  readonly backend?: 'wasm' | 'cpu';
  /** `exactShapley`'s chunk of perturbed rows, in each worker. Default its `DEFAULT_BATCH_ROWS`. */
  readonly batchRows?: number;
}

const FN = 'exactShapleyInWorkers';
const ENTRY = siblingModuleUrl('./exact-shapley-worker', import.meta.url);

function resolveOptions(options: ExactShapleyInWorkersOptions): { workers: number; backend: 'wasm' | 'cpu' } {
  const workers = options.workers ?? Math.min(MAX_WORKERS, Math.max(1, availableParallelism()));
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS)
    throw new Error(MESSAGES.workerCount(FN, options.workers));
  const backend: unknown = options.backend ?? tf.getBackend();
  if (backend !== 'wasm' && backend !== 'cpu') throw new Error(MESSAGES.workerBackend(FN, backend));
  return { workers, backend };
}

/** `[start, end)` row ranges of `parts` contiguous blocks of `rows`, the first `rows % parts` one row longer. */
export function rowBlocks(rows: number, parts: number): [number, number][] {
  const base = Math.floor(rows / parts);
  const longer = rows % parts;
  const blocks: [number, number][] = [];
  for (let i = 0, start = 0; i < parts; i++) {
    const end = start + base + (i < longer ? 1 : 0);
    blocks.push([start, end]);
    start = end;
  }
  return blocks;
}

/** Runs one job in a fresh worker; settles on its first message, error or exit. */
function runWorker(job: ExactShapleyJob, started: Worker[]): Promise<ExactShapleyReply & { ok: true }> {
  const source = workerSource(ENTRY, ENTRY);
  const transferList = [job.x.data.buffer, ...job.weights.map((w) => w.data.buffer)] as ArrayBuffer[];
  const worker = new Worker(source.script, {
    eval: source.eval,
    ...(source.execArgv === undefined ? {} : { execArgv: source.execArgv }),
    workerData: job,
    transferList,
  });
  started.push(worker);
  return new Promise((resolve, reject) => {
    worker.once('message', (reply: ExactShapleyReply) =>
      reply.ok ? resolve(reply) : reject(new Error(reply.error)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(MESSAGES.workerExited(FN, code))));
  });
}

/**
 * `exactShapley.explain(explainedOutput(fromLayersModel(model), { target, output }), x, { background, batchRows })`,
 * bit for bit, computed by `options.workers` worker threads (each rebuilds the model from `model.toJSON` and its
 * weights). Inputs are validated first as the one-thread call does, with its messages; a worker's error rejects
 * with that error's message. Every worker is terminated before the promise settles; no tensors are left behind.
 * @example
 * const e = await exactShapleyInWorkers(mlp, x, { background: sampleBackground(train, 100, 0), output: 'logit' });
 */
export async function exactShapleyInWorkers(
  model: tfl.LayersModel,
  x: Matrix,
  options: ExactShapleyInWorkersOptions,
): Promise<Explanation> {
  // 1. Options, then the one-thread call's own validation (same messages, in the same order).
  const { workers, backend } = resolveOptions(options);
  const outputOptions = {
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.output === undefined ? {} : { output: options.output }),
  };
  const f = explainedOutput(fromLayersModel(model), outputOptions);
  const batch = options.batchRows === undefined ? {} : { batchRows: options.batchRows };
  const game = exactGame('exactShapley', f, x, options.background, batch);
  const { d } = game;
  // 2. One contiguous block of rows per worker, the model serialized once per worker (its copy is transferred).
  const blocks = rowBlocks(game.x.rows, Math.min(workers, game.x.rows));
  const started: Worker[] = [];
  let replies: (ExactShapleyReply & { ok: true })[];
  try {
    replies = await Promise.all(
      blocks.map(([start, end]) =>
        runWorker(
          {
            ...serializeModel(model),
            backend,
            x: { data: game.x.data.slice(start * d, end * d), rows: end - start, cols: d },
            background: { data: game.background.data, rows: game.background.rows, cols: d },
            ...outputOptions,
            ...batch,
          },
          started,
        ),
      ),
    );
  } finally {
    await Promise.all(started.map((w) => w.terminate()));
  }
  // 3. Concatenate in block order; baseValue is the first block's, as the one-thread call takes row 0's v(∅).
  const first = replies[0]!;
  const concat = (pick: (r: ExactShapleyReply & { ok: true }) => Float64Array) => {
    const out = new Float64Array(replies.reduce((n, r) => n + pick(r).length, 0));
    replies.reduce((offset, r) => (out.set(pick(r), offset), offset + pick(r).length), 0);
    return out;
  };
  return {
    method: first.method,
    label: first.label,
    rows: game.x.rows,
    features: d,
    values: concat((r) => r.values),
    baseValue: first.baseValue,
    predictions: concat((r) => r.predictions),
    delta: concat((r) => r.delta),
  };
}
