/** Reads complete suite runs from a results folder; incomplete (hidden, manifest-less) runs are skipped. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SafeIoError, readRegularFileSync } from '@openbox/safe-io';
import { MESSAGES } from './messages.js';
import { isExperimentResult, isManifest } from './parse-results.js';
import type { ExperimentResult, Manifest } from './results-format.js';
import { EXPERIMENT_ID_PATTERN, MANIFEST_FILE, RESULT_FILE, RUN_ID_PATTERN } from './results-format.js';
import { SuiteError } from './suite-error.js';

/** The largest `manifest.json` read (a manifest is a few KiB). */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
/** The largest `result.json` read (charts carry their data inline). */
export const MAX_RESULT_BYTES = 64 * 1024 * 1024;

/**
 * A regular file's JSON, or `undefined` when it is not valid JSON. A file that cannot be read safely (a device, a
 * FIFO, too large) is a `SuiteError` whose message names it.
 */
function readJson(path: string, maxBytes: number, what: string, caller: string): unknown {
  let text: string;
  try {
    text = readRegularFileSync(path, { maxBytes, what, caller }).toString('utf8');
  } catch (error) {
    const message = error instanceof SafeIoError ? error.message : String(error);
    throw new SuiteError('unreadable-file', message, { file: path, cause: error });
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Read and shape-check `resultsDir/<runId>/manifest.json`. */
export function readManifest(resultsDir: string, runId: string): Manifest {
  if (!RUN_ID_PATTERN.test(runId)) throw new SuiteError('bad-run-id', MESSAGES.badRunId(runId));
  const path = join(resultsDir, runId, MANIFEST_FILE);
  const value = readJson(path, MAX_MANIFEST_BYTES, 'manifest', 'readManifest');
  if (value === undefined)
    throw new SuiteError('bad-manifest', MESSAGES.badManifest(path, 'it is not valid JSON'), { file: path });
  if (!isManifest(value))
    throw new SuiteError(
      'bad-manifest',
      MESSAGES.badManifest(path, 'a field is missing or has the wrong type'),
      {
        file: path,
      },
    );
  if (value.runId !== runId)
    throw new SuiteError('bad-manifest', MESSAGES.badManifest(path, `its runId is '${value.runId}'`), {
      file: path,
    });
  return value;
}

/** Every complete run in `resultsDir`, newest first. A missing folder has no runs. */
export function listRuns(resultsDir: string): Manifest[] {
  if (!existsSync(resultsDir)) return [];
  if (!statSync(resultsDir).isDirectory())
    throw new SuiteError('not-a-folder', MESSAGES.notResultsDir(resultsDir), { file: resultsDir });
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

/**
 * Read one experiment's `result.json` of a run; `undefined` when the run has no such (successful) experiment or the
 * file is not a valid result. A file that cannot be read safely (not a regular file, over 64 MiB) throws.
 */
export function readExperimentResult(
  resultsDir: string,
  runId: string,
  experimentId: string,
): ExperimentResult | undefined {
  if (!RUN_ID_PATTERN.test(runId) || !EXPERIMENT_ID_PATTERN.test(experimentId)) return undefined;
  const path = join(resultsDir, runId, experimentId, RESULT_FILE);
  if (!existsSync(path)) return undefined;
  const value = readJson(path, MAX_RESULT_BYTES, 'result', 'readExperimentResult');
  return isExperimentResult(value) && value.id === experimentId ? value : undefined;
}
