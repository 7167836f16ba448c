/**
 * Runs the suite's experiments and publishes `results/<run-id>/` atomically: a killed run leaves nothing readable.
 * Independent experiments run on a pool of worker threads (`workers`, default every core), so the suite uses every
 * core; each experiment's randomness is forked by its id, so its result does not depend on the worker count.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng, defaultCacheDir, initBackend, siblingModuleUrl } from '@openbox/runtime';
import {
  SUITE_IMAGE_FITS,
  SUITE_IMAGE_SCALES,
  type SuiteImageFit,
  type SuiteImageScale,
  type SuiteImages,
} from './experiment.js';
import type { Experiment } from './experiment.js';
import { cnnSetup } from './experiments/cnn-setup.js';
import { MESSAGES, failureReason } from './messages.js';
import { createPartialFolder } from './partial-folder.js';
import { publishRun } from './publish-run.js';
import { removeStalePartials } from './remove-stale-partials.js';
import { runExperiments, type RunPlan } from './run-experiments.js';
import type { Manifest, ManifestExperiment } from './results-format.js';
import { EXPERIMENT_ID_PATTERN } from './results-format.js';
import { newRunId } from './run-id.js';
import { asPoolModule, type PoolModule } from './pool/pool-module.js';
import { resolveWorkers, wasmThreadsPerWorker } from './pool/pool-size.js';
import { runInPool } from './pool/run-in-pool.js';
import { previousDurations, scheduleOrder } from './pool/schedule-order.js';
import { SuiteError } from './suite-error.js';
import { collectVersions } from './versions.js';

/** Progress events, for a progress bar or plain log lines. */
export type SuiteEvent =
  | {
      readonly type: 'start';
      readonly id: string;
      readonly title: string;
      readonly index: number;
      readonly total: number;
    }
  | {
      readonly type: 'progress';
      readonly id: string;
      readonly step: number;
      readonly total: number;
      readonly label?: string;
    }
  | { readonly type: 'end'; readonly id: string; readonly entry: ManifestExperiment }
  | {
      /** A shared cached model being trained (cold cache) before the experiments that use it start. */
      readonly type: 'prepare';
      readonly name: string;
      readonly step: number;
      readonly total: number;
      readonly label?: string;
    };

/**
 * The suite's own pool module (`pool/suite-pool-module`, `.ts` from sources, `.js` built): the registry's
 * experiments and the cached models they share; `runSuite`'s default `poolModule`.
 * @example await runSuite({ experiments: SUITE_EXPERIMENTS, poolModule: SUITE_POOL_MODULE, workers: 2 });
 */
export const SUITE_POOL_MODULE: URL = siblingModuleUrl('./pool/suite-pool-module', import.meta.url);

export interface RunSuiteOptions {
  /** The experiments to choose from (default: none — the CLI passes the registry's). */
  readonly experiments: readonly Experiment[];
  /** Results folder; default `results`. */
  readonly out?: string;
  /** Smaller budgets for a fast look; default false. */
  readonly quick?: boolean;
  /** Run only these experiment ids (unknown ids are an error); default all. */
  readonly only?: readonly string[];
  /** Seed for every experiment; default 0. */
  readonly seed?: number;
  /** A user's model.json for the CNN experiments (a LayersModel or a GraphModel). */
  readonly modelPath?: string;
  /**
   * A user's image folder (one sub-folder per class) that replaces MNIST in the CNN experiments, read at the model's
   * input size; needs `modelPath`. `scale` defaults to `0-1`, `fit` to `resize`.
   */
  readonly images?: { readonly dir: string; readonly scale?: SuiteImageScale; readonly fit?: SuiteImageFit };
  /** Cache folder; default `$OPENBOX_CACHE` or `~/.cache/openbox`. */
  readonly cacheDir?: string;
  readonly onEvent?: (event: SuiteEvent) => void;
  /** Clock for the run id and createdAt (tests). */
  readonly now?: () => Date;
  /**
   * Worker threads, 1 to 64; default `os.availableParallelism()`, capped by the number of experiments. `1` runs
   * everything in this thread, one experiment after another.
   */
  readonly workers?: number;
  /**
   * The module pool workers import experiments from (its `POOL_EXPERIMENTS`, `POOL_PREREQUISITES`); default
   * {@link SUITE_POOL_MODULE}. Only the experiments that are the module's own objects run in workers; others run in
   * this thread.
   */
  readonly poolModule?: URL;
}

function resolveImages(images: RunSuiteOptions['images']): SuiteImages | undefined {
  if (images === undefined) return undefined;
  const scale = images.scale ?? '0-1';
  const fit = images.fit ?? 'resize';
  if (!(SUITE_IMAGE_SCALES as readonly string[]).includes(scale))
    throw new SuiteError('invalid-argument', MESSAGES.badImagesOption('scale', scale, SUITE_IMAGE_SCALES));
  if (!(SUITE_IMAGE_FITS as readonly string[]).includes(fit))
    throw new SuiteError('invalid-argument', MESSAGES.badImagesOption('fit', fit, SUITE_IMAGE_FITS));
  return { dir: resolve(images.dir), scale, fit };
}

function resolveOptions(options: RunSuiteOptions): RunPlan {
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new SuiteError('invalid-argument', MESSAGES.badSeed(seed));
  const seen = new Set<string>();
  for (const { id } of options.experiments) {
    if (!EXPERIMENT_ID_PATTERN.test(id))
      throw new SuiteError('invalid-argument', MESSAGES.badExperimentId(id));
    if (seen.has(id)) throw new SuiteError('invalid-argument', MESSAGES.duplicateExperimentId(id));
    seen.add(id);
  }
  const only = options.only ?? [];
  const unknown = only.filter((id) => !seen.has(id));
  if (unknown.length > 0)
    throw new SuiteError('invalid-argument', MESSAGES.unknownExperiments(unknown, [...seen]));
  const experiments =
    only.length === 0 ? options.experiments : options.experiments.filter((e) => only.includes(e.id));
  return {
    experiments,
    out: resolve(options.out ?? 'results'),
    quick: options.quick ?? false,
    seed,
    modelPath: options.modelPath === undefined ? undefined : resolve(options.modelPath),
    images: resolveImages(options.images),
    cacheDir: options.cacheDir ?? defaultCacheDir(),
    onEvent: options.onEvent ?? (() => undefined),
    now: options.now ?? (() => new Date()),
    workers: resolveWorkers(options.workers, experiments.length),
    poolModule: options.poolModule ?? SUITE_POOL_MODULE,
  };
}

/**
 * Run the chosen experiments and publish `out/<run-id>/` with one folder per experiment (`result.json` + PNGs) and a
 * `manifest.json`. Steps: (1) resolve options, (2) initialize the backend and — when `modelPath` or `images` is given and a CNN experiment
 * runs — load and check the model and images (`cnnSetup`: a bad file fails here, before anything is written), (3) remove the partial folders of dead
 * runs and create this run's own `.<run-id>.partial/` with its `lock`, (4) run the experiments — the pool module's on
 * `workers` worker threads, longest first, after preparing the cold-cache models they share; any others here — and
 * write each one's files as it ends (a failing experiment, a crashed worker or a failed write of its files is
 * recorded and the others still run), (5) write the manifest (experiments in the given order) and rename the folder
 * into place (a taken id gets a new suffix; nothing is overwritten). Every file is written with fsync
 * (`@openbox/safe-io`). If step 5 fails, or anything throws after step 3, the workers are stopped, the partial folder
 * is removed and the error (a `SuiteError` naming the file for a write) is thrown. A killed run leaves only its
 * hidden partial, which readers ignore and the next run into the same `out` removes. Results do not depend on the
 * worker count: each experiment's rng is forked from the seed by its id.
 * @example const manifest = await runSuite({ experiments: SUITE_EXPERIMENTS, quick: true, seed: 0 });
 */
export async function runSuite(options: RunSuiteOptions): Promise<Manifest> {
  // 1. Options
  const resolved = resolveOptions(options);
  const createdAt = resolved.now();
  if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime()))
    throw new SuiteError('invalid-argument', MESSAGES.badNow(createdAt));
  // 2. Backend, then the CNN experiments' model and data, so a bad --model or --images fails before any run folder
  const backend = await initBackend();
  const studies = resolved.experiments.some((e) => e.studiesModel === true);
  if (studies && (resolved.modelPath !== undefined || resolved.images !== undefined))
    await cnnSetup({ ...resolved, progress: () => undefined });
  // 3. Own partial folder, after removing dead runs' ones
  try {
    mkdirSync(resolved.out, { recursive: true });
  } catch (error) {
    throw new SuiteError(
      'write-failed',
      MESSAGES.cannotCreateFolder('results folder', resolved.out, failureReason(error)),
      { file: resolved.out, cause: error },
    );
  }
  removeStalePartials(resolved.out);
  const runId = newRunId(createdAt, resolved.seed);
  const partial = createPartialFolder(resolved.out, runId);
  try {
    // 4. Experiments: in the pool and here, each recorded as it ends; the manifest keeps the given order
    const started = performance.now();
    const found = new Map<string, ManifestExperiment>();
    await runExperiments(resolved, { dir: partial, out: resolved.out, runId }, backend.chosen, found);
    const entries = resolved.experiments.map((e) => found.get(e.id)!);
    // 5. Manifest, then into place
    const manifest: Manifest = {
      runId,
      createdAt: createdAt.toISOString(),
      seed: resolved.seed,
      quick: resolved.quick,
      backend: backend.chosen,
      versions: collectVersions(),
      totalMs: Math.round(performance.now() - started),
      experiments: entries,
    };
    return publishRun(partial, resolved.out, manifest);
  } catch (error) {
    try {
      rmSync(partial, { recursive: true, force: true });
    } catch {
      // left for the next run's cleanup (its lock names this process, which will have ended)
    }
    throw error;
  }
}
