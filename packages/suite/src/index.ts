/** @openbox/suite — the comparison suite: experiment registry, runner, results format. */

// Results format
export type {
  ArtifactEntry,
  ChartEntry,
  ExperimentResult,
  Manifest,
  ManifestExperiment,
  ControlEvidence,
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

// Experiments and the runner
export type {
  Experiment,
  ExperimentContext,
  ExperimentOutput,
  PngArtifact,
  ProgressFn,
  SuiteImageFit,
  SuiteImageScale,
  SuiteImages,
} from './experiment.js';
export { SUITE_IMAGE_FITS, SUITE_IMAGE_SCALES } from './experiment.js';
// "Not applicable": a claim this model or data cannot give, as a verdict rather than a failure
export { NotApplicableError, requireApplicable, whenApplicable } from './experiments/not-applicable.js';
export { runSuite, SUITE_POOL_MODULE } from './run-suite.js';
export type { RunSuiteOptions, SuiteEvent } from './run-suite.js';
// The worker pool: a module of experiments that workers import, and their shared cached models
export { MAX_SUITE_WORKERS } from './pool/pool-size.js';
export type { PoolModule, PrepareContext, Prerequisite } from './pool/pool-module.js';

// Run ids and partial folders
export { newRunId } from './run-id.js';
export { LOCK_FILE, PARTIAL_NAME_PATTERN } from './partial-folder.js';
export type { PartialLock } from './partial-folder.js';
export { removeStalePartials, STALE_UNLOCKED_AGE_MS } from './remove-stale-partials.js';
export type { RemoveStalePartialsOptions } from './remove-stale-partials.js';

// Controls: a verdict holds only when the trained network beats its model-randomization controls
export { judgeAgainstControls } from './controls/judge-against-controls.js';
export type {
  ControlJudgement,
  ControlValue,
  JudgeAgainstControlsInput,
  TrainedInterval,
} from './controls/judge-against-controls.js';
export { bootstrapMeanInterval } from './controls/bootstrap-mean.js';
export type { BootstrapInterval, BootstrapOptions } from './controls/bootstrap-mean.js';
export { controlModels, controlSeeds, CONTROL_COUNT } from './controls/control-models.js';
export type { ControlModel } from './controls/control-models.js';
export { trainedControl, TRAINED_CONTROLS } from './controls/trained-controls.js';
export type { TrainedControl, TrainedControlName } from './controls/trained-controls.js';

// Errors
export { SuiteError, SUITE_ERROR_CODES } from './suite-error.js';
export type { SuiteErrorCode } from './suite-error.js';

// Reading results
export { listRuns, readExperimentResult, readManifest } from './read-results.js';
export { isExperimentResult, isManifest } from './parse-results.js';

// The registry
export { EXPERIMENT_IDS, SUITE_EXPERIMENTS, isExperimentId } from './experiments/registry.js';
export type { ExperimentId } from './experiments/registry.js';
export {
  fitLrTemplates,
  loadLrTemplates,
  lrTemplateAccuracy,
  LR_TEMPLATE_L2,
} from './experiments/lr-templates.js';
export type { LrTemplates } from './experiments/lr-templates.js';
export { cnnSetup, isConvLayer, mnistData } from './experiments/cnn-setup.js';
export type { CnnData, CnnSetup } from './experiments/cnn-setup.js';
export { IMAGES_TEST_FRACTION } from './experiments/read-suite-images.js';
