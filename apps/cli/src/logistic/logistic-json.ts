/** `analysisJson`: the `openbox logistic --json` object, whose shape packages/logistic/README.md documents. */
import type { CoefficientRow, LogisticAnalysis } from '@openbox/logistic';

/** The binary target as the command coded it. */
export interface TargetInfo {
  readonly column: string;
  readonly positive: string;
  readonly negative: readonly string[];
}

const byName = <T>(names: readonly string[], values: ArrayLike<T>): Record<string, T> =>
  Object.fromEntries(names.map((n, j) => [n, values[j]!]));
const rowsBy = <T>(rows: readonly CoefficientRow[], pick: (r: CoefficientRow) => T): Record<string, T> =>
  Object.fromEntries(rows.map((r) => [r.name, pick(r)]));

/** JSON has no Infinity: a singular matrix's condition number is written as null. */
const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** The Wald tables of one scale; every one `null` when there is no inference. */
function waldJson(rows: readonly CoefficientRow[] | null) {
  return {
    standardErrors: rows && rowsBy(rows, (r) => r.standardError),
    zValues: rows && rowsBy(rows, (r) => r.z),
    pValues: rows && rowsBy(rows, (r) => r.pValue),
    ci95: rows && rowsBy(rows, (r) => r.ci95),
    oddsRatios: rows && rowsBy(rows.slice(1), (r) => r.oddsRatio),
    oddsRatioCi95: rows && rowsBy(rows.slice(1), (r) => r.oddsRatioCi95),
  };
}

/**
 * The `--json` object. Without inference (the exact fit did not converge, or its information is singular)
 * `inference` is `null` and every standard error, p-value and interval is `null` (with `exact.converged: false`
 * when it did not converge); `warnings` lists the analysis' warnings (`{ code, message }`).
 */
export function analysisJson(a: LogisticAnalysis, target: TargetInfo, l2: number, backend: string) {
  const names = a.features;
  const { inference, diagnostics } = a;
  const original = inference?.originalScale ?? null;
  return {
    n: a.n,
    features: names,
    target,
    l2,
    standardization: a.standardization
      ? { mean: byName(names, a.standardization.mean), std: byName(names, a.standardization.std) }
      : null,
    exact: {
      intercept: a.exact.intercept,
      coefficients: byName(names, a.exact.coefficients),
      ...waldJson(inference?.coefficients ?? null),
      iterations: a.exact.iterations,
      converged: a.exact.converged,
      gradientNorm: a.exact.gradientNorm,
      logLikelihood: inference?.logLikelihood ?? null,
      nullLogLikelihood: inference?.nullLogLikelihood ?? null,
      deviance: inference?.deviance ?? null,
      nullDeviance: inference?.nullDeviance ?? null,
      aic: inference?.aic ?? null,
      standardErrorsFromPenalizedInformation: inference?.penalized ?? null,
      originalScale: original
        ? {
            intercept: original[0]!.estimate,
            coefficients: rowsBy(original.slice(1), (r) => r.estimate),
            ...waldJson(original),
          }
        : null,
    },
    inference: inference ? { method: 'wald', penalized: inference.penalized } : null,
    diagnostics: {
      conditionNumber: finiteOrNull(diagnostics.conditionNumber),
      collinearColumns: diagnostics.collinearColumns,
      scaleRatio: finiteOrNull(diagnostics.scaleRatio),
    },
    warnings: diagnostics.warnings.map(({ code, message }) => ({ code, message })),
    net: {
      model: 'Dense(1, sigmoid), binary cross-entropy, full-batch L-BFGS on tfjs gradients',
      backend,
      intercept: a.net.intercept,
      coefficients: byName(names, a.net.coefficients),
      epochs: a.net.epochs,
      iterations: a.net.iterations,
      converged: a.net.converged,
      gradientNorm: a.net.gradientNorm,
    },
    mlLogisticRegression: a.ml
      ? {
          intercept: a.ml.intercept,
          coefficients: byName(names, a.ml.coefficients),
          gradientNorm: a.ml.gradientNorm,
          numSteps: a.ml.numSteps,
          learningRate: a.ml.learningRate,
          comparedWith: a.mlReference,
        }
      : null,
    agreement: {
      tolerance: a.agreement.tolerance,
      netVsExactMaxAbs: a.agreement.net.maxAbs,
      mlVsExactMaxAbs: a.agreement.ml?.maxAbs ?? null,
      netVsExactPerCoefficient: {
        intercept: a.agreement.net.interceptAbs,
        ...byName(names, a.agreement.net.coefficientAbs),
      },
      netPredictionAgreement: a.agreement.net.predictionAgreement,
      mlPredictionAgreement: a.agreement.ml?.predictionAgreement ?? null,
      netMaxProbabilityAbs: a.agreement.net.maxProbabilityAbs,
      mlMaxProbabilityAbs: a.agreement.ml?.maxProbabilityAbs ?? null,
      verdict: a.agreement.verdict,
      summary: a.agreement.summary,
    },
    seconds: a.seconds,
  };
}
