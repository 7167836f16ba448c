/** Runs the suite's experiments and publishes `results/<run-id>/` atomically: a killed run leaves nothing readable. */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng, defaultCacheDir, initBackend } from '@openbox/runtime';
import { writeFileAtomicSync, writeJsonAtomicSync } from '@openbox/safe-io';
import type { Experiment, ExperimentContext, ExperimentOutput } from './experiment.js';
import { MESSAGES, failureReason } from './messages.js';
import { createPartialFolder } from './partial-folder.js';
import { publishRun } from './publish-run.js';
import { removeStalePartials } from './remove-stale-partials.js';
import type { ExperimentResult, Manifest, ManifestExperiment } from './results-format.js';
import { EXPERIMENT_ID_PATTERN, RESULT_FILE } from './results-format.js';
import { newRunId } from './run-id.js';
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
  | { readonly type: 'end'; readonly id: string; readonly entry: ManifestExperiment };

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
  /** A user's model.json for the CNN experiments. */
  readonly modelPath?: string;
  /** Cache folder; default `$OPENBOX_CACHE` or `~/.cache/openbox`. */
  readonly cacheDir?: string;
  readonly onEvent?: (event: SuiteEvent) => void;
  /** Clock for the run id and createdAt (tests). */
  readonly now?: () => Date;
}

interface ResolvedOptions {
  readonly experiments: readonly Experiment[];
  readonly out: string;
  readonly quick: boolean;
  readonly seed: number;
  readonly modelPath: string | undefined;
  readonly cacheDir: string;
  readonly onEvent: (event: SuiteEvent) => void;
  readonly now: () => Date;
}

function resolveOptions(options: RunSuiteOptions): ResolvedOptions {
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
  return {
    experiments:
      only.length === 0 ? options.experiments : options.experiments.filter((e) => only.includes(e.id)),
    out: resolve(options.out ?? 'results'),
    quick: options.quick ?? false,
    seed,
    modelPath: options.modelPath === undefined ? undefined : resolve(options.modelPath),
    cacheDir: options.cacheDir ?? defaultCacheDir(),
    onEvent: options.onEvent ?? (() => undefined),
    now: options.now ?? (() => new Date()),
  };
}

/** Writes one experiment's PNGs and `result.json` into `runDir/<id>/`; a failed write names the file. */
function writeExperiment(
  runDir: string,
  run: { readonly out: string; readonly runId: string },
  experiment: Experiment,
  output: ExperimentOutput,
): ExperimentResult {
  for (const artifact of output.artifacts) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*\.png$/.test(artifact.file))
      throw new SuiteError('invalid-argument', MESSAGES.badArtifactName(experiment.id, artifact.file));
  }
  const result: ExperimentResult = {
    id: experiment.id,
    title: experiment.title,
    claim: experiment.claim,
    metrics: output.metrics,
    verdict: output.verdict,
    charts: output.charts,
    artifacts: output.artifacts.map(({ file, title }) => ({ file, title, mediaType: 'image/png' as const })),
  };
  const write = (file: string, action: () => void) => {
    try {
      action();
    } catch (error) {
      throw new SuiteError(
        'write-failed',
        MESSAGES.resultWriteFailed(experiment.id, file, run.runId, run.out, failureReason(error)),
        { file: join(runDir, file), cause: error },
      );
    }
  };
  const dir = join(runDir, experiment.id);
  write(experiment.id, () => mkdirSync(dir));
  for (const artifact of output.artifacts)
    write(`${experiment.id}/${artifact.file}`, () =>
      writeFileAtomicSync(join(dir, artifact.file), artifact.png),
    );
  write(`${experiment.id}/${RESULT_FILE}`, () => writeJsonAtomicSync(join(dir, RESULT_FILE), result));
  return result;
}

async function runOne(
  experiment: Experiment,
  options: ResolvedOptions,
  runDir: string,
  runId: string,
): Promise<ManifestExperiment> {
  const ctx: ExperimentContext = {
    seed: options.seed,
    rng: createRng(options.seed).fork(experiment.id),
    quick: options.quick,
    modelPath: options.modelPath,
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
  const base = { id: experiment.id, title: experiment.title, claim: experiment.claim };
  try {
    const output = await experiment.run(ctx);
    writeExperiment(runDir, { out: options.out, runId }, experiment, output);
    return {
      ...base,
      status: 'ok',
      verdict: output.verdict,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    try {
      rmSync(join(runDir, experiment.id), { recursive: true, force: true });
    } catch {
      // the failure is recorded below; a leftover folder of a failed experiment is not listed in the manifest
    }
    return { ...base, status: 'failed', error: message, durationMs: Math.round(performance.now() - started) };
  }
}

/**
 * Run the chosen experiments and publish `out/<run-id>/` with one folder per experiment (`result.json` + PNGs) and a
 * `manifest.json`. Steps: (1) resolve options, (2) initialize the backend, (3) remove the partial folders of dead
 * runs and create this run's own `.<run-id>.partial/` with its `lock`, (4) run each experiment into it (a failing
 * experiment — a failed write of its files included — is recorded and the others still run), (5) write the manifest
 * and rename the folder into place (a taken id gets a new suffix; nothing is overwritten). Every file is written with
 * fsync (`@openbox/safe-io`). If step 5 fails, or anything throws after step 3, the partial folder is removed and a
 * `SuiteError` naming the file is thrown. A killed run leaves only its hidden partial, which readers ignore and the
 * next run into the same `out` removes.
 * @example const manifest = await runSuite({ experiments: SUITE_EXPERIMENTS, quick: true, seed: 0 });
 */
export async function runSuite(options: RunSuiteOptions): Promise<Manifest> {
  // 1. Options
  const resolved = resolveOptions(options);
  const createdAt = resolved.now();
  if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime()))
    throw new SuiteError('invalid-argument', MESSAGES.badNow(createdAt));
  // 2. Backend
  const backend = await initBackend();
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
    // 4. Experiments
    const started = performance.now();
    const entries: ManifestExperiment[] = [];
    for (const [index, experiment] of resolved.experiments.entries()) {
      resolved.onEvent({
        type: 'start',
        id: experiment.id,
        title: experiment.title,
        index,
        total: resolved.experiments.length,
      });
      const entry = await runOne(experiment, resolved, partial, runId);
      entries.push(entry);
      resolved.onEvent({ type: 'end', id: experiment.id, entry });
    }
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
