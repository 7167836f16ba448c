/** Wald inference for logistic regression: standard errors, z, p-values, 95% intervals, odds ratios, deviance, AIC. */
import type { Standardization } from '../data/standardize.js';
import { toOriginalScale } from '../data/standardize.js';
import type { ExactLogisticFit } from '../exact/binary-newton.js';
import { twoSidedP, Z_975 } from '../stats/normal.js';

/** One parameter's Wald summary. */
export interface CoefficientRow {
  /** `intercept` or the feature name. */
  readonly name: string;
  readonly estimate: number;
  readonly standardError: number;
  readonly z: number;
  readonly pValue: number;
  readonly ci95: readonly [number, number];
  /** e^β: the factor on the odds per unit of the feature (for the intercept: the odds at x = 0). */
  readonly oddsRatio: number;
  readonly oddsRatioCi95: readonly [number, number];
}

/** Wald tables on the fitted scale and, when a standardization is given, on the original feature scale. */
export interface LogisticInference {
  readonly coefficients: readonly CoefficientRow[];
  readonly originalScale: readonly CoefficientRow[] | null;
  readonly logLikelihood: number;
  readonly nullLogLikelihood: number;
  /** −2·logLikelihood (the saturated model of 0/1 data has log-likelihood 0). */
  readonly deviance: number;
  readonly nullDeviance: number;
  /** 2·(d + 1) − 2·logLikelihood. */
  readonly aic: number;
  /** True when l2 > 0: SEs then come from the penalized information (XᵀWX + l2·I₀)⁻¹, an approximation. */
  readonly penalized: boolean;
}

/** Wald rows from estimates and their covariance (row-major, order [intercept, coefficients]). */
export function waldTable(
  names: readonly string[],
  intercept: number,
  coefficients: ArrayLike<number>,
  covariance: Float64Array,
): CoefficientRow[] {
  const p = coefficients.length + 1;
  const estimates = [intercept, ...Array.from(coefficients)];
  return estimates.map((estimate, a) => {
    const standardError = Math.sqrt(covariance[a * p + a]!);
    const z = estimate / standardError;
    const ci95 = [estimate - Z_975 * standardError, estimate + Z_975 * standardError] as const;
    return {
      name: a === 0 ? 'intercept' : names[a - 1]!,
      estimate,
      standardError,
      z,
      pValue: twoSidedP(z),
      ci95,
      oddsRatio: Math.exp(estimate),
      oddsRatioCi95: [Math.exp(ci95[0]), Math.exp(ci95[1])] as const,
    };
  });
}

/**
 * Inference from an exact fit: SE = √diag(I(θ̂)⁻¹) with I = XᵀWX (+ l2·I₀), z = β/SE, p = P(|Z| >= |z|) = erfc(|z|/√2),
 * CI = β ± 1.959964·SE, odds ratio e^β with CI e^(CI). With `standardization` (the features were standardized
 * before the fit) also the same table on the original scale: β/σ, b − Σβμ/σ, covariance A·Σ·Aᵀ.
 * @example logisticInference(fitExactLogistic(data)).coefficients[1].pValue
 */
export function logisticInference(
  fit: ExactLogisticFit,
  standardization?: Standardization,
): LogisticInference {
  const names = fit.featureNames;
  const coefficients = waldTable(names, fit.intercept, fit.coefficients, fit.covariance);
  let originalScale: CoefficientRow[] | null = null;
  if (standardization) {
    const o = toOriginalScale(fit.intercept, fit.coefficients, fit.covariance, standardization);
    originalScale = waldTable(names, o.intercept, o.coefficients, o.covariance!);
  }
  return {
    coefficients,
    originalScale,
    logLikelihood: fit.logLikelihood,
    nullLogLikelihood: fit.nullLogLikelihood,
    deviance: -2 * fit.logLikelihood,
    nullDeviance: -2 * fit.nullLogLikelihood,
    aic: 2 * (names.length + 1) - 2 * fit.logLikelihood,
    penalized: fit.l2 > 0,
  };
}
