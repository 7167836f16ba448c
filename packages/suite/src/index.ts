/** @openbox/suite — the comparison suite: experiment registry, runner, results format. */

// Results format
export type {
  ArtifactEntry,
  ChartEntry,
  ExperimentResult,
  Manifest,
  ManifestExperiment,
  Verdict,
  VerdictStatus,
} from './results-format.js';
export {
  EXPERIMENT_ID_PATTERN,
  MANIFEST_FILE,
  RESULT_FILE,
  RUN_ID_PATTERN,
  VERDICT_STATUSES,
} from './results-format.js';
