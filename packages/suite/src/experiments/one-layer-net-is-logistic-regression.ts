/** The factory of the "one-layer net ≡ logistic regression" experiments, one per tabular dataset. */
import type { Dataset } from '@openbox/datasets';
import { DEFAULT_TOLERANCE, ML_DEFAULTS } from '@openbox/logistic';
import type { Experiment, ExperimentContext, ExperimentOutput } from '../experiment.js';
import { logisticCharts } from './logistic-charts.js';
import { compareLogisticFits, FIT_STEPS, type NetLoss } from './logistic-fits.js';
import { logisticMetrics } from './logistic-metrics.js';
import { MODEL_FIT_LEARNING_RATE, MODEL_FIT_TOLERANCE, runModelFitArm } from './logistic-model-fit-arm.js';
import { logisticVerdict, objectiveName, type TaskPenalties } from './logistic-verdict.js';
import { toTabularProblem } from './tabular-data.js';

/** ml-logistic-regression's budget: fixed steps (it has no convergence check) at its default step size. */
export const ML_BUDGET = { quick: 1_000, full: 5_000, learningRate: ML_DEFAULTS.learningRate } as const;

/**
 * The nets' stopping rule, ‖∇ mean objective‖₂ ≤ 1e-7 (tighter than the package default 1e-6: on cars' collinear
 * features the softmax net stopped at 1e-6 can land 1.2e-4–1.6e-4 from the exact fit, depending on the seed).
 */
export const NET_GRADIENT_TOLERANCE = 1e-7;

/** Progress steps: the fits, then the model.fit arm. */
const STEPS = FIT_STEPS + 1;

/** A dataset's known generating parameters (synthetic sets), on the original feature scale. */
export interface GroundTruth {
  readonly trueWeights: readonly number[];
  readonly trueIntercept: number;
}

/** What distinguishes one tabular experiment from another. */
export interface LogisticExperimentSpec {
  /** Kebab-case experiment id, e.g. `logistic-penguins`. */
  readonly id: string;
  readonly title: string;
  /** The binary task's positive class; the rest is 0. Pick one whose MLE exists (not separable) where possible. */
  readonly positiveClass: string;
  /** The dataset; draw seeds from `ctx.rng`, shrink under `ctx.quick`. May carry a {@link GroundTruth}. */
  readonly load: (ctx: ExperimentContext) => Dataset & Partial<GroundTruth>;
  /** Max |Δ| between a net's and the exact parameters on standardized features. Default 1e-4. */
  readonly tolerance?: number;
  /**
   * The L2 of each task as the claim states it: 0 (maximum likelihood) unless the classes are separable, where no MLE
   * exists and the fit is penalized (L2 = 1). A run whose fits need another L2 does not hold. Default all 0.
   */
  readonly penalties?: Partial<TaskPenalties>;
  /** The nets under study: `cross-entropy` (the claim) or `squared-error` (the control that must fail). Default cross-entropy. */
  readonly netLoss?: NetLoss;
}

/** The claim, with each task's fit named honestly (a penalized fit is never called maximum-likelihood). */
export function oneLayerNetClaim(penalties: TaskPenalties, tolerance: number): string {
  const { binary, multinomial, oneVsAll } = penalties;
  const fits =
    binary === multinomial && multinomial === oneVsAll
      ? `the exact ${objectiveName(binary)} coefficients`
      : `the exact coefficients — ${objectiveName(binary)} on the binary task, ${objectiveName(multinomial)} on the ` +
        `multinomial task, ${objectiveName(oneVsAll)} one-vs-all (L2 only where the classes are separable and no MLE ` +
        'exists) —';
  return (
    'A network with no hidden layer and a sigmoid (softmax) output, trained on cross-entropy to convergence ' +
    `(full-batch L-BFGS on tfjs gradients), is (multinomial) logistic regression: its weights equal ${fits} within ` +
    `${tolerance} on standardized features, while the same net converged on squared error lands at least 100× farther ` +
    'from them; so it inherits their interpretation (odds ratios, standard errors, confidence intervals). The verdict is ' +
    `the converged net's; the usual training (model.fit, Adam ${MODEL_FIT_LEARNING_RATE}, full batch and batches of ` +
    '32) is measured against the same exact fits, its gap per epoch charted and reported as reaching ' +
    `${MODEL_FIT_TOLERANCE} within its budget or not.`
  );
}

/**
 * Build the experiment for one dataset. Null: a one-layer sigmoid net matches the exact fit whatever loss it was
 * trained on (then the squared-error control would match too). `run`: 1. load and standardize; 2. fit and compare,
 * the squared-error control included (6 progress steps); 3. the model.fit arm; 4. metrics, verdict, charts. Seeds:
 * the nets' initializers and model.fit's row order from `ctx.rng` forks.
 * @example export const logisticCars = oneLayerNetIsLogisticRegression({ id: 'logistic-cars', … });
 */
export function oneLayerNetIsLogisticRegression(spec: LogisticExperimentSpec): Experiment {
  const tolerance = spec.tolerance ?? DEFAULT_TOLERANCE;
  const claimed: TaskPenalties = { binary: 0, multinomial: 0, oneVsAll: 0, ...spec.penalties };
  return {
    id: spec.id,
    title: spec.title,
    claim: oneLayerNetClaim(claimed, tolerance),
    async run(ctx: ExperimentContext): Promise<ExperimentOutput> {
      // 1. Data.
      ctx.progress(0, STEPS, 'data');
      const dataset = spec.load(ctx);
      const problem = toTabularProblem(dataset);
      const truth =
        dataset.trueWeights && dataset.trueIntercept !== undefined
          ? { trueWeights: dataset.trueWeights, trueIntercept: dataset.trueIntercept }
          : null;
      // 2. Fits and the squared-error control.
      const mlSteps = ctx.quick ? ML_BUDGET.quick : ML_BUDGET.full;
      const comparison = compareLogisticFits(problem, {
        positiveClass: spec.positiveClass,
        netSeed: ctx.rng.fork('net').tfSeed(),
        netGradientTolerance: NET_GRADIENT_TOLERANCE,
        mlSteps,
        mlLearningRate: ML_BUDGET.learningRate,
        tolerance,
        ...(spec.netLoss === undefined ? {} : { netLoss: spec.netLoss }),
        progress: (step, _total, label) => ctx.progress(step, STEPS, label),
      });
      // 3. The model.fit arm.
      ctx.progress(STEPS, STEPS, 'model.fit (Adam) curves');
      const arm = await runModelFitArm(comparison, {
        quick: ctx.quick,
        seed: ctx.rng.fork('model-fit').tfSeed(),
        shuffleRng: ctx.rng.fork('model-fit-shuffle'),
      });
      // 4. Metrics, verdict, charts.
      return {
        metrics: logisticMetrics(comparison, arm, spec, mlSteps, truth),
        verdict: logisticVerdict(comparison, arm, { tolerance, mlSteps, claimed }),
        charts: logisticCharts(comparison, arm, spec.positiveClass, tolerance),
        artifacts: [],
      };
    },
  };
}
