/** `recordExperiment`: writes one finished experiment's files into the run folder and returns its manifest line. */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync, writeJsonAtomicSync } from '@openbox/safe-io';
import type { Experiment, ExperimentOutput } from './experiment.js';
import { MESSAGES, failureReason } from './messages.js';
import type { ExperimentResult, ManifestExperiment } from './results-format.js';
import { RESULT_FILE } from './results-format.js';
import { SuiteError } from './suite-error.js';

/** The run being written: its partial folder, the results folder and the run id (for messages). */
export interface RunFolder {
  readonly dir: string;
  readonly out: string;
  readonly runId: string;
}

/** Writes one experiment's PNGs and `result.json` into `run.dir/<id>/`; a failed write names the file. */
function writeExperiment(run: RunFolder, experiment: Experiment, output: ExperimentOutput): void {
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
        { file: join(run.dir, file), cause: error },
      );
    }
  };
  const dir = join(run.dir, experiment.id);
  write(experiment.id, () => mkdirSync(dir));
  for (const artifact of output.artifacts)
    write(`${experiment.id}/${artifact.file}`, () =>
      writeFileAtomicSync(join(dir, artifact.file), artifact.png),
    );
  write(`${experiment.id}/${RESULT_FILE}`, () => writeJsonAtomicSync(join(dir, RESULT_FILE), result));
}

/**
 * The manifest line of a finished experiment: its output written (`ok`), or `failed` with the error — its own, or a
 * failed write of its files, whose folder is then removed. `runMs` is how long `run` took; writing is added to it.
 * @example const entry = recordExperiment(run, experiment, { output }, 1234);
 */
export function recordExperiment(
  run: RunFolder,
  experiment: Experiment,
  outcome: { readonly output: ExperimentOutput } | { readonly error: string },
  runMs: number,
): ManifestExperiment {
  const started = performance.now();
  const base = { id: experiment.id, title: experiment.title, claim: experiment.claim };
  const durationMs = () => Math.round(runMs + performance.now() - started);
  let error: string;
  if ('output' in outcome) {
    try {
      writeExperiment(run, experiment, outcome.output);
      return { ...base, status: 'ok', verdict: outcome.output.verdict, durationMs: durationMs() };
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  } else error = outcome.error;
  try {
    rmSync(join(run.dir, experiment.id), { recursive: true, force: true });
  } catch {
    // the failure is recorded below; a leftover folder of a failed experiment is not listed in the manifest
  }
  return { ...base, status: 'failed', error, durationMs: durationMs() };
}
