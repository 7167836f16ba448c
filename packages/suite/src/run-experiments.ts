/**
 * `runExperiments`: step 4 of `runSuite` — the experiments the pool module owns run on `min(workers, pooled)` worker
 * threads (cold-cache prerequisites prepared first, then longest first), the others in this thread, side by side;
 * every outcome is recorded (files written) as it arrives and reported through `onEvent`.
 */
import { createRng } from '@openbox/runtime';
import type { Experiment, ExperimentContext, ExperimentOutput, SuiteImages } from './experiment.js';
import { asPoolModule, type PoolModule } from './pool/pool-module.js';
import { wasmThreadsPerWorker } from './pool/pool-size.js';
import { runInPool } from './pool/run-in-pool.js';
import { previousDurations, scheduleOrder } from './pool/schedule-order.js';
import { recordExperiment, type RunFolder } from './record-experiment.js';
import type { ManifestExperiment } from './results-format.js';
import type { SuiteEvent } from './run-suite.js';

/** `runSuite`'s options, resolved: every default filled in, the workers checked. */
export interface RunPlan {
  readonly experiments: readonly Experiment[];
  readonly out: string;
  readonly quick: boolean;
  readonly seed: number;
  readonly modelPath: string | undefined;
  readonly images: SuiteImages | undefined;
  readonly cacheDir: string;
  readonly onEvent: (event: SuiteEvent) => void;
  readonly now: () => Date;
  readonly workers: number;
  readonly poolModule: URL;
}

/** Runs one experiment in this thread and records it (files written, or the failure). */
async function runHere(
  experiment: Experiment,
  options: RunPlan,
  run: RunFolder,
): Promise<ManifestExperiment> {
  const ctx: ExperimentContext = {
    seed: options.seed,
    rng: createRng(options.seed).fork(experiment.id),
    quick: options.quick,
    modelPath: options.modelPath,
    ...(options.images === undefined ? {} : { images: options.images }),
    cacheDir: options.cacheDir,
    progress: (step, total, label) =>
      options.onEvent({
        type: 'progress',
        id: experiment.id,
        step,
        total,
        ...(label === undefined ? {} : { label }),
      }),
  };
  const started = performance.now();
  let outcome: { output: ExperimentOutput } | { error: string };
  try {
    outcome = { output: await experiment.run(ctx) };
  } catch (error) {
    outcome = { error: error instanceof Error ? error.message : String(error) };
  }
  return recordExperiment(run, experiment, outcome, performance.now() - started);
}

/** The experiments of `options` that the pool module owns (the same objects), with the module; none at 1 worker. */
async function pooledExperiments(
  options: RunPlan,
): Promise<{ module: PoolModule; experiments: Experiment[] } | undefined> {
  if (options.workers < 2) return undefined;
  const module = asPoolModule(await import(options.poolModule.href), options.poolModule);
  const own = new Set(module.POOL_EXPERIMENTS);
  const experiments = options.experiments.filter((e) => own.has(e));
  return experiments.length === 0 ? undefined : { module, experiments };
}

/** The pool module's static duration estimates for this run's budget. */
function estimates(module: PoolModule, options: RunPlan): Record<string, number> {
  return Object.fromEntries(
    Object.entries(module.POOL_ESTIMATES_MS ?? {}).map(([id, ms]) => [
      id,
      options.quick ? ms.quick : ms.full,
    ]),
  );
}

/** The prerequisites that some of `ids` use and the cache lacks, each with the ids that wait for it. */
function coldPrerequisites(
  module: PoolModule,
  ids: readonly string[],
  options: RunPlan,
): { name: string; usedBy: string[] }[] {
  return module.POOL_PREREQUISITES.map((p) => ({
    prerequisite: p,
    usedBy: p.usedBy(options.modelPath, options.images).filter((id) => ids.includes(id)),
  }))
    .filter(({ prerequisite, usedBy }) => usedBy.length > 0 && !prerequisite.isCached(options.cacheDir))
    .map(({ prerequisite, usedBy }) => ({ name: prerequisite.name, usedBy }));
}

/**
 * Runs `options.experiments` into `run` and records each outcome in `entries` (by id) as it arrives.
 * @example const entries = new Map(); await runExperiments(plan, run, 'wasm', entries);
 */
export async function runExperiments(
  options: RunPlan,
  run: RunFolder,
  backend: string,
  entries: Map<string, ManifestExperiment>,
): Promise<void> {
  const index = new Map(options.experiments.map((e, i) => [e.id, i]));
  const start = (e: Experiment) =>
    options.onEvent({
      type: 'start',
      id: e.id,
      title: e.title,
      index: index.get(e.id)!,
      total: options.experiments.length,
    });
  const end = (entry: ManifestExperiment) => {
    entries.set(entry.id, entry);
    options.onEvent({ type: 'end', id: entry.id, entry });
  };
  const pool = await pooledExperiments(options);
  const inPool = new Set(pool?.experiments ?? []);
  let stopped = false;
  const here = async () => {
    for (const experiment of options.experiments) {
      if (inPool.has(experiment) || stopped) continue;
      start(experiment);
      end(await runHere(experiment, options, run));
    }
  };
  if (pool === undefined) return here();
  const ids = pool.experiments.map((e) => e.id);
  const byId = new Map(pool.experiments.map((e) => [e.id, e]));
  const workers = Math.min(options.workers, ids.length);
  const abort = new AbortController();
  const pooled = runInPool({
    signal: abort.signal,
    moduleUrl: options.poolModule,
    workers,
    data: {
      backend,
      wasmThreads: wasmThreadsPerWorker(workers),
      seed: options.seed,
      quick: options.quick,
      modelPath: options.modelPath,
      images: options.images,
      cacheDir: options.cacheDir,
    },
    order: scheduleOrder(ids, previousDurations(options.out, options.quick), estimates(pool.module, options)),
    prepare: coldPrerequisites(pool.module, ids, options),
    onStart: (id) => start(byId.get(id)!),
    onProgress: (id, step, total, label) =>
      options.onEvent({ type: 'progress', id, step, total, ...(label === undefined ? {} : { label }) }),
    onPrepare: (name, step, total, label) =>
      options.onEvent({ type: 'prepare', name, step, total, ...(label === undefined ? {} : { label }) }),
    onDone: (id, outcome, ms) => end(recordExperiment(run, byId.get(id)!, outcome, ms)),
  });
  try {
    await Promise.all([pooled, here()]);
  } catch (error) {
    stopped = true;
    abort.abort(error);
    await pooled.catch(() => undefined);
    throw error;
  }
}
