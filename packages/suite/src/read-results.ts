/** Reads complete suite runs from a results folder; incomplete (hidden, manifest-less) runs are skipped. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES } from './messages.js';
import { isExperimentResult, isManifest } from './parse-results.js';
import type { ExperimentResult, Manifest } from './results-format.js';
import { EXPERIMENT_ID_PATTERN, MANIFEST_FILE, RESULT_FILE, RUN_ID_PATTERN } from './results-format.js';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Read and shape-check `resultsDir/<runId>/manifest.json`. */
export function readManifest(resultsDir: string, runId: string): Manifest {
  if (!RUN_ID_PATTERN.test(runId)) throw new Error(MESSAGES.badRunId(runId));
  const path = join(resultsDir, runId, MANIFEST_FILE);
  let value: unknown;
  try {
    value = readJson(path);
  } catch (error) {
    throw new Error(MESSAGES.badManifest(path, error instanceof Error ? error.message : String(error)));
  }
  if (!isManifest(value))
    throw new Error(MESSAGES.badManifest(path, 'a field is missing or has the wrong type'));
  if (value.runId !== runId) throw new Error(MESSAGES.badManifest(path, `its runId is '${value.runId}'`));
  return value;
}

/** Every complete run in `resultsDir`, newest first. A missing folder has no runs. */
export function listRuns(resultsDir: string): Manifest[] {
  if (!existsSync(resultsDir)) return [];
  if (!statSync(resultsDir).isDirectory()) throw new Error(MESSAGES.notResultsDir(resultsDir));
  const runs: Manifest[] = [];
  for (const entry of readdirSync(resultsDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || !RUN_ID_PATTERN.test(entry.name)) continue;
    if (!existsSync(join(resultsDir, entry.name, MANIFEST_FILE))) continue;
    try {
      runs.push(readManifest(resultsDir, entry.name));
    } catch {
      // A manifest that does not parse is not a complete run.
    }
  }
  return runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.runId.localeCompare(a.runId));
}

/** Read one experiment's `result.json` of a run; `undefined` when the run has no such (successful) experiment. */
export function readExperimentResult(
  resultsDir: string,
  runId: string,
  experimentId: string,
): ExperimentResult | undefined {
  if (!RUN_ID_PATTERN.test(runId) || !EXPERIMENT_ID_PATTERN.test(experimentId)) return undefined;
  const path = join(resultsDir, runId, experimentId, RESULT_FILE);
  if (!existsSync(path)) return undefined;
  const value = readJson(path);
  return isExperimentResult(value) && value.id === experimentId ? value : undefined;
}
