/** `createResultsStore`: read-only access to the complete suite runs of a results folder (cached by file version). */
import path from 'node:path';
import { MANIFEST_FILE, RESULT_FILE, RUN_ID_PATTERN, isExperimentResult, isManifest } from '@openbox/suite';
import type { ExperimentResult, Manifest } from '@openbox/suite';
import { createJsonFileCache } from './json-file-cache.js';
import { createRunIndex } from './run-index.js';
import type { RunIndexOptions } from './run-index.js';
import type { RunSummary } from './run-summary.js';
import { createResolveCache } from './resolve-cache.js';

export { countVerdicts } from './run-summary.js';
export type { RunSummary } from './run-summary.js';

/** A declared artifact that exists inside the experiment folder. */
export interface ResolvedArtifact {
  readonly path: string;
  readonly mediaType: string;
}

/** Read access to the runs of one results folder. Incomplete runs (no valid manifest) are invisible. */
export interface ResultsStore {
  readonly resultsDir: string;
  /** Complete runs, newest first (by `createdAt`, then run id); cached, see `createRunIndex`. */
  listRuns(): Promise<readonly RunSummary[]>;
  /** The manifest of a complete run. */
  manifest(runId: string): Promise<Manifest | undefined>;
  /** The result of an experiment listed in the run's manifest. */
  result(runId: string, id: string): Promise<ExperimentResult | undefined>;
  /** The readable results of every experiment of a manifest this store returned, by experiment id. */
  results(m: Manifest): Promise<Map<string, ExperimentResult>>;
  /** The file of an artifact the experiment's result declares, if it exists inside the experiment folder. */
  artifact(runId: string, id: string, file: string): Promise<ResolvedArtifact | undefined>;
}

/**
 * A store over `resultsDir`. The run list is an index refreshed when the folder changes (`createRunIndex`);
 * manifests and results are parsed JSON keyed by mtime and size, so a run appears as soon as the suite renames
 * its manifest into place, and files being written are never read (they have no manifest yet). Every path is
 * resolved with `resolveInside` (symlinks outside are refused).
 */
export function createResultsStore(resultsDir: string, index: RunIndexOptions = {}): ResultsStore {
  const root = path.resolve(resultsDir);
  const cache = createJsonFileCache();
  const runs = createRunIndex(root, index);
  const paths = createResolveCache(root);

  const manifest = async (runId: string): Promise<Manifest | undefined> => {
    if (!RUN_ID_PATTERN.test(runId)) return undefined;
    const file = await paths.resolve(runId, MANIFEST_FILE);
    if (file === undefined) return undefined;
    const m = await cache.read(file, isManifest);
    return m?.runId === runId ? m : undefined;
  };

  // The result of `id` in manifest `m` (already checked).
  const resultIn = async (m: Manifest, id: string): Promise<ExperimentResult | undefined> => {
    if (!m.experiments.some((e) => e.id === id)) return undefined;
    const file = await paths.resolve(m.runId, id, RESULT_FILE);
    if (file === undefined) return undefined;
    const r = await cache.read(file, isExperimentResult);
    return r?.id === id ? r : undefined;
  };

  const result = async (runId: string, id: string): Promise<ExperimentResult | undefined> => {
    const m = await manifest(runId);
    return m === undefined ? undefined : resultIn(m, id);
  };

  return {
    resultsDir: root,
    manifest,
    result,
    async results(m) {
      const entries = await Promise.all(
        m.experiments.map(async (e) => [e.id, await resultIn(m, e.id)] as const),
      );
      return new Map(entries.filter((e): e is readonly [string, ExperimentResult] => e[1] !== undefined));
    },
    listRuns: () => runs.list(),
    async artifact(runId, id, file) {
      const r = await result(runId, id);
      const entry = r?.artifacts.find((a) => a.file === file);
      if (entry === undefined) return undefined;
      const real = await paths.resolve(runId, id, file);
      return real === undefined ? undefined : { path: real, mediaType: entry.mediaType };
    },
  };
}
