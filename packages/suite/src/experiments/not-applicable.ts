/**
 * "Not applicable": how a CNN experiment answers when the model or data under study lack what its claim needs (a
 * LayersModel's layer objects, MNIST-trained controls, a first layer the baseline can be compared with). A helper
 * deep in the experiment throws {@link NotApplicableError}; {@link whenApplicable} turns it into a result whose
 * verdict says exactly what is missing, with the model and data labels, instead of a failure.
 */
import type { ExperimentContext, ExperimentOutput } from '../experiment.js';
import type { CnnSetup } from './cnn-setup.js';

/** Thrown where a claim cannot be measured on this model or data; `reason` names what is missing. */
export class NotApplicableError extends Error {
  override readonly name = 'NotApplicableError';
  readonly modelLabel: string;
  readonly dataLabel: string;

  constructor(setup: Pick<CnnSetup, 'modelLabel' | 'dataLabel'>, reason: string) {
    super(reason);
    this.modelLabel = setup.modelLabel;
    this.dataLabel = setup.dataLabel;
  }
}

/**
 * Throws {@link NotApplicableError} with `reason` unless `condition` holds.
 * @example requireApplicable(setup, setup.data === 'mnist', 'needs the MNIST judge CNN');
 */
export function requireApplicable(
  setup: Pick<CnnSetup, 'modelLabel' | 'dataLabel'>,
  condition: boolean,
  reason: string,
): asserts condition {
  if (!condition) throw new NotApplicableError(setup, reason);
}

/**
 * The model and data labels every CNN result carries (`metrics.model`, `metrics.data`), so readers and the dashboard
 * show which model and which data a verdict is about.
 * @example return withSetupLabels(setup, output);
 */
export function withSetupLabels(
  setup: Pick<CnnSetup, 'modelLabel' | 'dataLabel'>,
  output: ExperimentOutput,
): ExperimentOutput {
  return { ...output, metrics: { model: setup.modelLabel, data: setup.dataLabel, ...output.metrics } };
}

/**
 * Wraps an experiment's `run`: a {@link NotApplicableError} becomes a `not-applicable` verdict with its reason and the
 * model and data labels as metrics (no charts, no images); every other error still fails the experiment.
 * @example run: whenApplicable((ctx) => runMaxPatch(ctx)),
 */
export function whenApplicable(
  run: (ctx: ExperimentContext) => Promise<ExperimentOutput>,
): (ctx: ExperimentContext) => Promise<ExperimentOutput> {
  return async (ctx) => {
    try {
      return await run(ctx);
    } catch (error) {
      if (!(error instanceof NotApplicableError)) throw error;
      return {
        metrics: { model: error.modelLabel, data: error.dataLabel },
        verdict: { status: 'not-applicable', reason: error.message },
        charts: [],
        artifacts: [],
      };
    }
  };
}
