/** Flat metrics of a logistic experiment: the fits' gaps, the control, the model.fit curves, interpretation. */
import { DEFAULT_TOLERANCE } from '@openbox/logistic';
import type { LogisticComparison } from './logistic-fits.js';
import type { ModelFitArm, ModelFitCurve } from './logistic-model-fit-arm.js';
import { objectiveName, squaredErrorJudgement, SQUARED_ERROR_MARGIN_DECADES } from './logistic-verdict.js';
import {
  ML_BUDGET,
  NET_GRADIENT_TOLERANCE,
  type GroundTruth,
  type LogisticExperimentSpec,
} from './one-layer-net-is-logistic-regression.js';

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
  arm: ModelFitArm,
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
    netLoss: c.netLoss,
    // Binary task
    positiveClass: spec.positiveClass,
    binaryL2: binary.l2,
    binaryObjective: objectiveName(binary.l2),
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
    multinomialObjective: objectiveName(multinomial.l2),
    multinomialSeparable: multinomial.separable,
    multinomialIterations: multinomial.exact.iterations,
    multinomialConverged: multinomial.exact.converged,
    softmaxNetVsExactMaxAbs: m.softmaxNet.maxAbs,
    softmaxNetPredictionAgreement: m.softmaxNet.predictionAgreement,
    softmaxNetConverged: multinomial.softmaxNet.converged,
    oneVsAllL2: multinomial.oneVsAllL2,
    oneVsAllObjective: objectiveName(multinomial.oneVsAllL2),
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
  Object.assign(metrics, controlMetrics(c), modelFitMetrics(arm));
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

/** The squared-error control: its gap, convergence, and the margin judged in decades. */
export function controlMetrics(c: LogisticComparison): Record<string, number | boolean> {
  const judged = squaredErrorJudgement(c);
  return {
    squaredErrorNetVsExactMaxAbs: c.binary.squaredErrorNetVsExactMaxAbs,
    squaredErrorNetConverged: c.binary.squaredErrorNet.converged,
    squaredErrorNetGradientNorm: c.binary.squaredErrorNet.gradientNorm,
    log10BinaryNetVsExactMaxAbs: judged.evidence.trained,
    log10SquaredErrorNetVsExactMaxAbs: judged.evidence.controls[0]!.value,
    requiredMarginDecades: SQUARED_ERROR_MARGIN_DECADES,
    observedMarginDecades: judged.margin,
  };
}

/** Curve keys in the metrics, e.g. `binaryFullBatch`, `binaryBatch32`, `multinomialFullBatch`. */
export function curveKey(cv: ModelFitCurve): string {
  return `${cv.task}${cv.batchSize === 'full' ? 'FullBatch' : `Batch${cv.batchSize}`}`;
}

/** The model.fit arm: settings, the gap at every checkpoint (`modelFitMaxAbs.<curve>.epoch<E>`), reached or not. */
export function modelFitMetrics(arm: ModelFitArm): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {
    modelFitLearningRate: arm.learningRate,
    modelFitTolerance: arm.tolerance,
    modelFitWithinTolerance: arm.withinTolerance,
  };
  for (const cv of arm.curves) {
    const key = curveKey(cv);
    cv.epochs.forEach((e, i) => (out[`modelFitMaxAbs.${key}.epoch${e}`] = cv.maxAbs[i]!));
    out[`modelFitEpochs.${key}`] = cv.epochs.at(-1)!;
    out[`modelFitFinalMaxAbs.${key}`] = cv.maxAbs.at(-1)!;
    out[`modelFitReached.${key}`] = cv.firstEpochWithin !== null;
    if (cv.firstEpochWithin !== null) out[`modelFitFirstEpochWithin.${key}`] = cv.firstEpochWithin;
    out[`modelFitTfjsL2.${key}`] = cv.tfjsL2;
  }
  return out;
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
