/** Runs the suite's experiments and writes `results/<run-id>/` atomically: a killed run leaves nothing readable. */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng, defaultCacheDir, initBackend } from '@openbox/runtime';
import type { Experiment, ExperimentContext, ExperimentOutput } from './experiment.js';
import { MESSAGES } from './messages.js';
import type { ExperimentResult, Manifest, ManifestExperiment } from './results-format.js';
import { EXPERIMENT_ID_PATTERN, MANIFEST_FILE, RESULT_FILE } from './results-format.js';
import { collectVersions } from './versions.js';
import { writeFileAtomic, writeJsonAtomic } from './write-atomic.js';

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
  if (!Number.isInteger(seed) || seed < 0) throw new Error(MESSAGES.badSeed(seed));
  const seen = new Set<string>();
  for (const { id } of options.experiments) {
    if (!EXPERIMENT_ID_PATTERN.test(id)) throw new Error(MESSAGES.badExperimentId(id));
    if (seen.has(id)) throw new Error(MESSAGES.duplicateExperimentId(id));
    seen.add(id);
  }
  const only = options.only ?? [];
  const unknown = only.filter((id) => !seen.has(id));
  if (unknown.length > 0) throw new Error(MESSAGES.unknownExperiments(unknown, [...seen]));
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

function runIdFor(date: Date, seed: number, out: string): string {
  const stamp = date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  let runId = `${stamp}-seed${seed}`;
  for (let n = 2; existsSync(join(out, runId)); n++) runId = `${stamp}-seed${seed}-${n}`;
  return runId;
}

function writeExperiment(dir: string, experiment: Experiment, output: ExperimentOutput): ExperimentResult {
  mkdirSync(dir, { recursive: true });
  for (const artifact of output.artifacts) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*\.png$/.test(artifact.file))
      throw new Error(MESSAGES.badArtifactName(experiment.id, artifact.file));
    writeFileAtomic(join(dir, artifact.file), artifact.png);
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
  writeJsonAtomic(join(dir, RESULT_FILE), result);
  return result;
}

async function runOne(
  experiment: Experiment,
  options: ResolvedOptions,
  runDir: string,
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
    writeExperiment(join(runDir, experiment.id), experiment, output);
    return {
      ...base,
      status: 'ok',
      verdict: output.verdict,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    rmSync(join(runDir, experiment.id), { recursive: true, force: true });
    return { ...base, status: 'failed', error: message, durationMs: Math.round(performance.now() - started) };
  }
}

/**
 * Run the chosen experiments and write `out/<run-id>/` with one folder per experiment (`result.json` + PNGs) and a
 * `manifest.json`. Steps: (1) resolve options, (2) initialize the backend, (3) run each experiment into a hidden
 * `.partial` folder (a failing experiment is recorded and the others still run), (4) write the manifest,
 * (5) rename the folder into place. A killed run leaves only a hidden `.partial` folder, which readers ignore.
 * @example const manifest = await runSuite({ experiments: SUITE_EXPERIMENTS, quick: true, seed: 0 });
 */
export async function runSuite(options: RunSuiteOptions): Promise<Manifest> {
  // 1. Options
  const resolved = resolveOptions(options);
  // 2. Backend
  const backend = await initBackend();
  const createdAt = resolved.now();
  mkdirSync(resolved.out, { recursive: true });
  const runId = runIdFor(createdAt, resolved.seed, resolved.out);
  const partial = join(resolved.out, `.${runId}.partial`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial);
  // 3. Experiments
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
    const entry = await runOne(experiment, resolved, partial);
    entries.push(entry);
    resolved.onEvent({ type: 'end', id: experiment.id, entry });
  }
  // 4. Manifest
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
  writeJsonAtomic(join(partial, MANIFEST_FILE), manifest);
  // 5. Into place
  renameSync(partial, join(resolved.out, runId));
  return manifest;
}
