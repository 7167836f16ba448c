/** `createResultsStore`: read-only access to complete suite runs under a results folder, re-read per request. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, RESULT_FILE, RUN_ID_PATTERN, isExperimentResult, isManifest } from '@openbox/suite';
import type { ExperimentResult, Manifest, VerdictStatus } from '@openbox/suite';
import { createJsonFileCache } from './json-file-cache.js';
import { resolveInside } from './safe-path.js';

/** What a run picker shows of a run. */
export interface RunSummary {
  readonly runId: string;
  readonly createdAt: string;
  readonly seed: number;
  readonly quick: boolean;
  readonly backend: string;
  readonly totalMs: number;
  /** Experiments per verdict, plus `failed` for those that threw. */
  readonly counts: Readonly<Record<VerdictStatus | 'failed', number>>;
}

/** A declared artifact that exists inside the experiment folder. */
export interface ResolvedArtifact {
  readonly path: string;
  readonly mediaType: string;
}

/** Read access to the runs of one results folder. Incomplete runs (no valid manifest) are invisible. */
export interface ResultsStore {
  readonly resultsDir: string;
  /** Complete runs, newest first (by `createdAt`, then run id). */
  listRuns(): Promise<RunSummary[]>;
  /** The manifest of a complete run. */
  manifest(runId: string): Promise<Manifest | undefined>;
  /** The result of an experiment listed in the run's manifest. */
  result(runId: string, id: string): Promise<ExperimentResult | undefined>;
  /** The file of an artifact the experiment's result declares, if it exists inside the experiment folder. */
  artifact(runId: string, id: string, file: string): Promise<ResolvedArtifact | undefined>;
}

/** Counts the experiments of a manifest per verdict (and failures). */
export function countVerdicts(manifest: Manifest): RunSummary['counts'] {
  const counts = { holds: 0, 'does-not-hold': 0, 'not-applicable': 0, failed: 0 };
  for (const e of manifest.experiments) {
    if (e.status === 'failed') counts.failed += 1;
    else if (e.verdict !== undefined) counts[e.verdict.status] += 1;
  }
  return counts;
}

/**
 * A store over `resultsDir`. Nothing is held between requests except parsed JSON keyed by mtime and size, so a
 * run appears as soon as the suite renames its manifest into place, and files being written are never read
 * (they have no manifest yet). Every path is resolved with `resolveInside` (symlinks outside are refused).
 */
export function createResultsStore(resultsDir: string): ResultsStore {
  const root = path.resolve(resultsDir);
  const cache = createJsonFileCache();

  const manifest = async (runId: string): Promise<Manifest | undefined> => {
    if (!RUN_ID_PATTERN.test(runId)) return undefined;
    const file = await resolveInside(root, runId, MANIFEST_FILE);
    if (file === undefined) return undefined;
    const m = await cache.read(file, isManifest);
    return m?.runId === runId ? m : undefined;
  };

  const result = async (runId: string, id: string): Promise<ExperimentResult | undefined> => {
    const m = await manifest(runId);
    if (m === undefined || !m.experiments.some((e) => e.id === id)) return undefined;
    const file = await resolveInside(root, runId, id, RESULT_FILE);
    if (file === undefined) return undefined;
    const r = await cache.read(file, isExperimentResult);
    return r?.id === id ? r : undefined;
  };

  return {
    resultsDir: root,
    manifest,
    result,
    async listRuns() {
      let names: string[];
      try {
        names = (await readdir(root, { withFileTypes: true }))
          .filter((d) => d.isDirectory() || d.isSymbolicLink())
          .map((d) => d.name);
      } catch {
        return [];
      }
      const manifests = await Promise.all(names.filter((n) => RUN_ID_PATTERN.test(n)).map(manifest));
      return manifests
        .filter((m): m is Manifest => m !== undefined)
        .map((m) => ({
          runId: m.runId,
          createdAt: m.createdAt,
          seed: m.seed,
          quick: m.quick === true,
          backend: m.backend,
          totalMs: m.totalMs,
          counts: countVerdicts(m),
        }))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.runId.localeCompare(a.runId));
    },
    async artifact(runId, id, file) {
      const r = await result(runId, id);
      const entry = r?.artifacts.find((a) => a.file === file);
      if (entry === undefined) return undefined;
      const real = await resolveInside(root, runId, id, file);
      return real === undefined ? undefined : { path: real, mediaType: entry.mediaType };
    },
  };
}
