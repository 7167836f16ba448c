/** Agreement reports: how far the net and ml-logistic-regression are from the exact fit, and a verdict. */
import type { Design } from '../data/types.js';

/** Default tolerance on max |Δ| between the net's and the exact parameters (standardized features). */
export const DEFAULT_TOLERANCE = 1e-4;

/** Parameters of one binary logistic model (intercept + coefficients). */
export interface BinaryParameters {
  readonly intercept: number;
  readonly coefficients: ArrayLike<number>;
}

/** How one fit compares with the exact one. */
export interface FitComparison {
  /** max over intercept and coefficients of |Δ|. */
  readonly maxAbs: number;
  readonly interceptAbs: number;
  /** |Δ| per coefficient. */
  readonly coefficientAbs: Float64Array;
  /** Fraction of rows classified the same (argmax / p >= 0.5). */
  readonly predictionAgreement: number;
  /** max over rows (and classes) of |Δ probability|. */
  readonly maxProbabilityAbs: number;
}

/** Binary agreement report. */
export interface BinaryAgreement {
  readonly tolerance: number;
  readonly net: FitComparison;
  readonly ml: FitComparison | null;
  /** `agree` when net vs exact max |Δ| <= tolerance. */
  readonly verdict: 'agree' | 'disagree';
  /** One sentence a person can read. */
  readonly summary: string;
}

function probabilities(
  design: Design,
  intercepts: ArrayLike<number>,
  coefficients: ArrayLike<number>,
  softmax: boolean,
): Float64Array {
  const { n, d, x } = design;
  const k = intercepts.length;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let eta = intercepts[c]!;
      for (let j = 0; j < d; j++) eta += coefficients[c * d + j]! * x[i * d + j]!;
      out[i * k + c] = eta;
      max = Math.max(max, eta);
    }
    if (softmax) {
      let z = 0;
      for (let c = 0; c < k; c++) z += out[i * k + c] = Math.exp(out[i * k + c]! - max);
      for (let c = 0; c < k; c++) out[i * k + c] = out[i * k + c]! / z;
    } else for (let c = 0; c < k; c++) out[i * k + c] = 1 / (1 + Math.exp(-out[i * k + c]!));
  }
  return out;
}

function predicted(prob: Float64Array, n: number, k: number, softmax: boolean): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!softmax && k === 1) out[i] = prob[i]! >= 0.5 ? 1 : 0;
    else {
      let best = 0;
      for (let c = 1; c < k; c++) if (prob[i * k + c]! > prob[i * k + best]!) best = c;
      out[i] = best;
    }
  }
  return out;
}

/**
 * Compare parameters (K intercepts, K × d coefficients; K = 1 for binary) with the exact ones on `design`.
 * `softmax`: probabilities by softmax across the K rows (multinomial), else a sigmoid per row.
 */
export function compareParameters(
  design: Design,
  exact: { intercepts: ArrayLike<number>; coefficients: ArrayLike<number> },
  other: { intercepts: ArrayLike<number>; coefficients: ArrayLike<number> },
  softmax: boolean,
): FitComparison {
  const k = exact.intercepts.length;
  let interceptAbs = 0;
  for (let c = 0; c < k; c++)
    interceptAbs = Math.max(interceptAbs, Math.abs(other.intercepts[c]! - exact.intercepts[c]!));
  const coefficientAbs = new Float64Array(design.d);
  for (let c = 0; c < k; c++)
    for (let j = 0; j < design.d; j++) {
      const delta = Math.abs(other.coefficients[c * design.d + j]! - exact.coefficients[c * design.d + j]!);
      coefficientAbs[j] = Math.max(coefficientAbs[j]!, Number.isNaN(delta) ? Infinity : delta);
    }
  const pe = probabilities(design, exact.intercepts, exact.coefficients, softmax);
  const po = probabilities(design, other.intercepts, other.coefficients, softmax);
  let maxProbabilityAbs = 0;
  for (let i = 0; i < pe.length; i++)
    maxProbabilityAbs = Math.max(maxProbabilityAbs, Math.abs(pe[i]! - po[i]!));
  const ce = predicted(pe, design.n, k, softmax);
  const co = predicted(po, design.n, k, softmax);
  let same = 0;
  for (let i = 0; i < design.n; i++) if (ce[i] === co[i]) same++;
  return {
    maxAbs: Math.max(interceptAbs, ...coefficientAbs),
    interceptAbs,
    coefficientAbs,
    predictionAgreement: same / design.n,
    maxProbabilityAbs,
  };
}

const binary = (b: BinaryParameters) => ({ intercepts: [b.intercept], coefficients: b.coefficients });

/**
 * Binary agreement: net vs exact and (optionally) ml-logistic-regression vs `mlReference` (default: the exact fit;
 * pass the unpenalized exact fit when the exact fit used l2 > 0, since the package has no L2).
 * @example binaryAgreement(design, exact, net, ml).verdict // 'agree'
 */
export function binaryAgreement(
  design: Design,
  exact: BinaryParameters,
  net: BinaryParameters,
  ml: (BinaryParameters & { gradientNorm: number }) | null,
  options: { tolerance?: number; mlReference?: BinaryParameters } = {},
): BinaryAgreement {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const netCmp = compareParameters(design, binary(exact), binary(net), false);
  const mlCmp = ml
    ? compareParameters(design, binary(options.mlReference ?? exact), binary(ml), false)
    : null;
  const verdict = netCmp.maxAbs <= tolerance ? 'agree' : 'disagree';
  const fmt = (v: number) => v.toExponential(1);
  const summary =
    `net ${verdict === 'agree' ? 'agrees with' : 'does NOT agree with'} the exact fit: max |Δ| ${fmt(netCmp.maxAbs)} ` +
    `${verdict === 'agree' ? '<=' : '>'} tolerance ${fmt(tolerance)}` +
    (mlCmp && ml
      ? `; ml-logistic-regression is off by max |Δ| ${fmt(mlCmp.maxAbs)} (it stopped at ‖∇ log-likelihood‖ = ${fmt(ml.gradientNorm)}).`
      : '.');
  return { tolerance, net: netCmp, ml: mlCmp, verdict, summary };
}

/** Multinomial agreement: softmax net vs exact multinomial, and one-vs-all nets and ml vs exact one-vs-all fits. */
export interface MultinomialAgreement {
  readonly tolerance: number;
  readonly softmaxNet: FitComparison;
  readonly oneVsAllNet: FitComparison;
  readonly oneVsAllMl: FitComparison;
  /** One-vs-all nets vs ml-logistic-regression's one-vs-all, directly. */
  readonly oneVsAllNetVsMl: FitComparison;
  readonly verdict: 'agree' | 'disagree';
}

type Multi = { intercepts: ArrayLike<number>; coefficients: ArrayLike<number> };

/**
 * Multinomial agreement: parameters are compared after centring across classes (both fits already are), and the
 * per-class sigmoid nets and ml's one-vs-all against exact one-vs-all binary fits. Verdict: `agree` when both the
 * softmax net and the one-vs-all nets are within `tolerance` of their exact counterparts.
 */
export function multinomialAgreement(
  design: Design,
  fits: { exact: Multi; softmaxNet: Multi; exactOneVsAll: Multi; netOneVsAll: Multi; mlOneVsAll: Multi },
  options: { tolerance?: number } = {},
): MultinomialAgreement {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const softmaxNet = compareParameters(design, fits.exact, fits.softmaxNet, true);
  const oneVsAllNet = compareParameters(design, fits.exactOneVsAll, fits.netOneVsAll, false);
  const oneVsAllMl = compareParameters(design, fits.exactOneVsAll, fits.mlOneVsAll, false);
  const oneVsAllNetVsMl = compareParameters(design, fits.netOneVsAll, fits.mlOneVsAll, false);
  const verdict = softmaxNet.maxAbs <= tolerance && oneVsAllNet.maxAbs <= tolerance ? 'agree' : 'disagree';
  return { tolerance, softmaxNet, oneVsAllNet, oneVsAllMl, oneVsAllNetVsMl, verdict };
}
