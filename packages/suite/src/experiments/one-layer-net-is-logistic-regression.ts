/** The factory of the "one-layer net ≡ logistic regression" experiments, one per tabular dataset. */
import type { Dataset } from '@openbox/datasets';
import { DEFAULT_TOLERANCE, ML_DEFAULTS } from '@openbox/logistic';
import type { Experiment, ExperimentContext, ExperimentOutput } from '../experiment.js';
import type { Verdict } from '../results-format.js';
import { logisticCharts } from './logistic-charts.js';
import { compareLogisticFits, FIT_STEPS, type LogisticComparison } from './logistic-fits.js';
import { toTabularProblem } from './tabular-data.js';

/** The claim every tabular logistic experiment tests. */
export const ONE_LAYER_NET_CLAIM =
  'A network with no hidden layer and a sigmoid (softmax) output, trained on cross-entropy, is (multinomial) ' +
  'logistic regression: its weights equal the exact maximum-likelihood coefficients, so it inherits their ' +
  'interpretation (odds ratios, standard errors, confidence intervals).';

/** ml-logistic-regression's budget: fixed steps (it has no convergence check) at its default step size. */
export const ML_BUDGET = { quick: 1_000, full: 5_000, learningRate: ML_DEFAULTS.learningRate } as const;

/**
 * The nets' stopping rule, ‖∇ mean objective‖₂ ≤ 1e-7 (tighter than the package default 1e-6: on cars' collinear
 * features the softmax net stopped at 1e-6 can land 1.2e-4–1.6e-4 from the exact fit, depending on the seed).
 */
export const NET_GRADIENT_TOLERANCE = 1e-7;

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
}

const fmt = (v: number) => v.toExponential(1);

/**
 * The worst net-vs-exact gap: max |Δ| over the binary net, the softmax net (centred) and the K one-vs-all sigmoid
 * nets, each against its exact counterpart fitted with the same L2.
 */
export function netVsExactMaxAbs(c: LogisticComparison): number {
  const m = c.multinomial.agreement;
  return Math.max(c.binary.agreement.net.maxAbs, m.softmaxNet.maxAbs, m.oneVsAllNet.maxAbs);
}

/** Flat metrics: sizes, the three gaps, ml's, prediction agreement, accuracies, convergence, interpretation. */
export function logisticMetrics(
  c: LogisticComparison,
  spec: LogisticExperimentSpec,
  mlSteps: number,
  truth: GroundTruth | null,
): Record<string, number | string | boolean> {
  const { problem, binary, multinomial } = c;
  const b = binary.agreement;
  const m = multinomial.agreement;
  const bml = b.ml ?? binaryAgreementWithoutMl();
  const metrics: Record<string, number | string | boolean> = {
    dataset: problem.dataset,
    n: problem.n,
    features: problem.d,
    classes: problem.classNames.length,
    tolerance: spec.tolerance ?? DEFAULT_TOLERANCE,
    netVsExactMaxAbs: netVsExactMaxAbs(c),
    mlVsExactMaxAbs: bml.maxAbs,
    predictionAgreement: Math.min(
      b.net.predictionAgreement,
      m.softmaxNet.predictionAgreement,
      m.oneVsAllNet.predictionAgreement,
    ),
    // Binary task
    positiveClass: spec.positiveClass,
    binaryL2: binary.l2,
    binarySeparable: binary.separable,
    binaryNetVsExactMaxAbs: b.net.maxAbs,
    binaryNetPredictionAgreement: b.net.predictionAgreement,
    binaryNetMaxProbabilityAbs: b.net.maxProbabilityAbs,
    binaryNetConverged: binary.net.converged,
    binaryMlVsExactMaxAbs: bml.maxAbs,
    binaryMlPredictionAgreement: bml.predictionAgreement,
    binaryMlReferenceL2: binary.mlReference.l2,
    binaryMlGradientNorm: binary.ml.gradientNorm,
    exactIterations: binary.exact.iterations,
    exactConverged: binary.exact.converged,
    exactGradientNorm: binary.exact.gradientNorm,
    logLikelihood: binary.inference.logLikelihood,
    nullLogLikelihood: binary.inference.nullLogLikelihood,
    deviance: binary.inference.deviance,
    aic: binary.inference.aic,
    // Multinomial task
    multinomialL2: multinomial.l2,
    multinomialSeparable: multinomial.separable,
    multinomialIterations: multinomial.exact.iterations,
    multinomialConverged: multinomial.exact.converged,
    softmaxNetVsExactMaxAbs: m.softmaxNet.maxAbs,
    softmaxNetPredictionAgreement: m.softmaxNet.predictionAgreement,
    softmaxNetConverged: multinomial.softmaxNet.converged,
    oneVsAllL2: multinomial.oneVsAllL2,
    oneVsAllNetVsExactMaxAbs: m.oneVsAllNet.maxAbs,
    oneVsAllNetPredictionAgreement: m.oneVsAllNet.predictionAgreement,
    oneVsAllMlVsExactMaxAbs: m.oneVsAllMl.maxAbs,
    oneVsAllNetVsMlMaxAbs: m.oneVsAllNetVsMl.maxAbs,
    netGradientTolerance: NET_GRADIENT_TOLERANCE,
    mlSteps,
    mlLearningRate: ML_BUDGET.learningRate,
    // Training accuracies
    accuracyBinaryExact: c.accuracy.binaryExact,
    accuracyBinaryNet: c.accuracy.binaryNet,
    accuracyBinaryMl: c.accuracy.binaryMl,
    accuracyMultinomialExact: c.accuracy.multinomialExact,
    accuracySoftmaxNet: c.accuracy.softmaxNet,
    accuracyOneVsAllExact: c.accuracy.oneVsAllExact,
    accuracyOneVsAllNet: c.accuracy.oneVsAllNet,
    accuracyOneVsAllMl: c.accuracy.oneVsAllMl,
  };
  // Interpretation on the original feature scale (per unit of each feature): coefficient, odds ratio, 95% CI, p.
  for (const row of binary.inference.originalScale ?? []) {
    if (row.name === 'intercept') continue;
    metrics[`coefficient.${row.name}`] = row.estimate;
    metrics[`oddsRatio.${row.name}`] = row.oddsRatio;
    metrics[`oddsRatioLower95.${row.name}`] = row.oddsRatioCi95[0];
    metrics[`oddsRatioUpper95.${row.name}`] = row.oddsRatioCi95[1];
    metrics[`pValue.${row.name}`] = row.pValue;
  }
  for (const row of binary.inference.coefficients)
    if (row.name !== 'intercept') metrics[`oddsRatioPerSd.${row.name}`] = row.oddsRatio;
  if (truth) Object.assign(metrics, groundTruthMetrics(c, truth));
  return metrics;
}

function binaryAgreementWithoutMl(): never {
  throw new Error('logisticMetrics: the binary agreement has no ml-logistic-regression comparison.');
}

/** max over weights and intercept of |exact − true| and of |exact − true|/SE (original scale). */
export function groundTruthMetrics(c: LogisticComparison, truth: GroundTruth): Record<string, number> {
  const rows = c.binary.inference.originalScale ?? c.binary.inference.coefficients;
  const truths = [truth.trueIntercept, ...truth.trueWeights];
  let maxAbs = 0;
  let maxZ = 0;
  rows.forEach((row, a) => {
    const delta = Math.abs(row.estimate - truths[a]!);
    maxAbs = Math.max(maxAbs, delta);
    maxZ = Math.max(maxZ, delta / row.standardError);
  });
  return { trueParametersMaxAbs: maxAbs, trueParametersMaxAbsOverSe: maxZ };
}

/** `holds` when every net is within the tolerance of its exact counterpart; the reason carries the numbers. */
export function logisticVerdict(c: LogisticComparison, tolerance: number, mlSteps: number): Verdict {
  const m = c.multinomial.agreement;
  const worst = netVsExactMaxAbs(c);
  const k = c.problem.classNames.length;
  const gaps =
    `Dense(1, sigmoid) vs exact LR max |Δ| ${fmt(c.binary.agreement.net.maxAbs)}, ` +
    `Dense(${k}, softmax) vs exact multinomial LR (centred) ${fmt(m.softmaxNet.maxAbs)}, ` +
    `${k} one-vs-all sigmoid nets vs exact ${fmt(m.oneVsAllNet.maxAbs)}`;
  const ml = ` ml-logistic-regression (${mlSteps} steps) is off by ${fmt(c.binary.agreement.ml?.maxAbs ?? Infinity)} on the binary task.`;
  return worst <= tolerance
    ? { status: 'holds', reason: `${gaps}: all ≤ tolerance ${fmt(tolerance)} on standardized features.${ml}` }
    : { status: 'does-not-hold', reason: `${gaps}: max ${fmt(worst)} > tolerance ${fmt(tolerance)}.${ml}` };
}

/**
 * Build the experiment for one dataset. `run`: 1. load and standardize; 2. fit and compare (6 progress steps);
 * 3. metrics; 4. verdict; 5. charts. Seeds: the nets' initializer from `ctx.rng`.
 * @example export const logisticCars = oneLayerNetIsLogisticRegression({ id: 'logistic-cars', … });
 */
export function oneLayerNetIsLogisticRegression(spec: LogisticExperimentSpec): Experiment {
  const tolerance = spec.tolerance ?? DEFAULT_TOLERANCE;
  return {
    id: spec.id,
    title: spec.title,
    claim: ONE_LAYER_NET_CLAIM,
    async run(ctx: ExperimentContext): Promise<ExperimentOutput> {
      // 1. Data.
      ctx.progress(0, FIT_STEPS, 'data');
      const dataset = spec.load(ctx);
      const problem = toTabularProblem(dataset);
      const truth =
        dataset.trueWeights && dataset.trueIntercept !== undefined
          ? { trueWeights: dataset.trueWeights, trueIntercept: dataset.trueIntercept }
          : null;
      // 2. Fits.
      const mlSteps = ctx.quick ? ML_BUDGET.quick : ML_BUDGET.full;
      const comparison = compareLogisticFits(problem, {
        positiveClass: spec.positiveClass,
        netSeed: ctx.rng.fork('net').tfSeed(),
        netGradientTolerance: NET_GRADIENT_TOLERANCE,
        mlSteps,
        mlLearningRate: ML_BUDGET.learningRate,
        tolerance,
        progress: ctx.progress,
      });
      // 3–5. Metrics, verdict, charts.
      return {
        metrics: logisticMetrics(comparison, spec, mlSteps, truth),
        verdict: logisticVerdict(comparison, tolerance, mlSteps),
        charts: logisticCharts(comparison, spec.positiveClass),
        artifacts: [],
      };
    },
  };
}
