/** Exact binary logistic regression in float64 by Newton's method (= IRLS) with a backtracking line search. */
import { toDesign } from '../data/design.js';
import { toBinaryTarget } from '../data/targets.js';
import type { BinaryData } from '../data/types.js';
import { cholesky, choleskyInverse, choleskySolve, type CholeskyFactor } from '../linalg/cholesky.js';
import { IllPosedError, MESSAGES } from '../messages.js';
import { binaryHessian, binaryObjective, type Evaluation } from './binary-objective.js';
import { separatingDirection } from './separation.js';

export { binaryHessian, binaryObjective, sigmoid, softplus } from './binary-objective.js';
export type { Evaluation } from './binary-objective.js';

/** Options of {@link fitExactLogistic}. */
export interface ExactLogisticOptions {
  /** L2 strength: minimize Σ log-loss + (l2/2)·‖w‖², intercept not penalized (= scikit-learn C = 1/l2). Default 0. */
  readonly l2?: number;
  /** Stop when ‖∇‖₂ of that objective is <= this. Default 1e-8. */
  readonly gradientTolerance?: number;
  /** Default 100. */
  readonly maxIterations?: number;
  /**
   * Rows the Newton Hessian is estimated from while iterating (every ⌊n / hessianRows⌋-th row, scaled); the exact
   * Hessian is built once at the end (the covariance, and a last Newton step). Default max(4096, 64·(d+1)²);
   * `Infinity` (or >= n / 2) = the exact Hessian at every step. The result does not depend on it beyond roundoff:
   * only the path to the same minimum does.
   */
  readonly hessianRows?: number;
}

/** The exact fit: parameters, convergence, and the inverse penalized Hessian (intercept first). */
export interface ExactLogisticFit {
  readonly method: 'newton';
  readonly featureNames: readonly string[];
  readonly n: number;
  readonly l2: number;
  readonly intercept: number;
  readonly coefficients: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** ‖∇‖₂ of Σ log-loss + (l2/2)‖w‖² at the returned parameters. */
  readonly gradientNorm: number;
  /** Σ [y log p + (1−y) log(1−p)] (without the penalty). */
  readonly logLikelihood: number;
  /** The intercept-only model's log-likelihood, n₁ log(n₁/n) + n₀ log(n₀/n). */
  readonly nullLogLikelihood: number;
  /** (XᵀWX + l2·I₀)⁻¹, `(d+1) × (d+1)` row-major, order [intercept, coefficients]. */
  readonly covariance: Float64Array;
}

/** ‖v‖₂, scaled by max |vᵢ| so that entries above ~1e154 do not overflow the sum of squares. */
function norm2(v: Float64Array): number {
  let scale = 0;
  for (const e of v) scale = Math.max(scale, Math.abs(e));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (const e of v) s += (e / scale) ** 2;
  return scale * Math.sqrt(s);
}

/**
 * Maximum-likelihood (l2 = 0) or L2-penalized binary logistic regression, exact in float64.
 * Newton step s = −H⁻¹∇ with H = XᵀWX + l2·I₀, W = diag(p(1−p)), halved until the objective decreases
 * (Armijo, c = 1e-4). With l2 = 0 it first rejects collinear/constant columns and n < d + 1, and after the fit
 * checks for separation, throwing {@link IllPosedError} (kind `separation`) naming the features of the separating
 * direction instead of returning diverging coefficients.
 * @example fitExactLogistic({ features: [0, 0, 1, 1, 1, 0], shape: [3, 2], target: [0, 1, 1] }, { l2: 1 })
 */
export function fitExactLogistic(data: BinaryData, options: ExactLogisticOptions = {}): ExactLogisticFit {
  const fn = 'fitExactLogistic';
  const l2 = options.l2 ?? 0;
  const tol = options.gradientTolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 100;
  if (!(l2 >= 0) || !Number.isFinite(l2))
    throw new Error(MESSAGES.badOption(fn, 'l2', l2, 'a finite number >= 0'));
  if (!(tol > 0)) throw new Error(MESSAGES.badOption(fn, 'gradientTolerance', tol, '> 0'));
  const design = toDesign(fn, data, l2 === 0);
  const y = toBinaryTarget(fn, data.target, design.n);
  const p = design.d + 1;
  let theta: Float64Array = new Float64Array(p);
  let previous: Float64Array = new Float64Array(p);
  let current = binaryObjective(design, y, theta, l2, true);
  let iterations = 0;
  let converged = false;
  let gradientNorm = norm2(current.gradient);
  let polish = 0; // Newton steps taken after reaching the tolerance: each squares the error, to float64 precision.
  // 1. Newton steps. With a subsampled Hessian (large n) the steps converge linearly at a small rate instead of
  //    quadratically, each for a fraction of the exact Hessian's cost; polishing is left to step 2's exact Hessian.
  const rows = options.hessianRows ?? Math.max(4096, 64 * p * p);
  const stride = rows * 2 <= design.n ? Math.floor(design.n / rows) : 1;
  const subsample = stride > 1 ? { stride, scale: design.n / Math.ceil(design.n / stride) } : {};
  while (iterations < maxIterations) {
    if (gradientNorm <= tol) {
      converged = true;
      if (stride > 1 || polish++ >= 2 || gradientNorm === 0) break;
    }
    const factor = ridgedCholesky(binaryHessian(design, current.weights, l2, subsample), p);
    if (!factor) break;
    const next = lineSearch(design, y, theta, current, choleskySolve(factor, current.gradient), l2);
    iterations++;
    if (!next) break; // no decrease possible in float64: stalled
    if (converged && norm2(next.evaluation.gradient) >= gradientNorm) break; // polishing no longer helps
    previous = theta;
    theta = next.theta;
    current = next.evaluation;
    gradientNorm = norm2(current.gradient);
  }
  let factor = cholesky(binaryHessian(design, current.weights, l2), p, 1e-15);
  // 2. After subsampled steps: one exact Newton step from the exact Hessian the covariance needs anyway (it moves θ
  //    by ‖H⁻¹∇‖ <= ~tol/λ_min, so the covariance at the new θ equals this one far below its statistical meaning).
  if (stride > 1 && factor && iterations < maxIterations && gradientNorm > 0) {
    const next = lineSearch(design, y, theta, current, choleskySolve(factor, current.gradient), l2);
    iterations++;
    if (next && norm2(next.evaluation.gradient) < gradientNorm) {
      previous = theta;
      theta = next.theta;
      current = next.evaluation;
      gradientNorm = norm2(current.gradient);
      if (gradientNorm <= tol) converged = true;
    }
  }
  if (gradientNorm <= tol) converged = true;
  if (l2 === 0) {
    const classOf = (i: number) => y[i]!;
    const step = theta.map((v, a) => v - previous[a]!);
    const sep =
      separatingDirection(design, classOf, 1, theta) ?? separatingDirection(design, classOf, 1, step);
    if (sep)
      throw new IllPosedError(MESSAGES.separation(fn, sep.kind, sep.features), 'separation', sep.features);
  }
  let logLikelihood = -current.loss;
  for (let j = 1; j < p; j++) logLikelihood += 0.5 * l2 * theta[j]! ** 2;
  let positives = 0;
  for (const v of y) positives += v;
  const negatives = design.n - positives;
  const nullLogLikelihood =
    positives * Math.log(positives / design.n) + negatives * Math.log(negatives / design.n);
  const covariance = factor ? choleskyInverse(factor) : new Float64Array(p * p).fill(NaN);
  return {
    method: 'newton',
    featureNames: design.names,
    n: design.n,
    l2,
    intercept: theta[0]!,
    coefficients: theta.slice(1),
    iterations,
    converged,
    gradientNorm,
    logLikelihood,
    nullLogLikelihood,
    covariance,
  };
}

/** Cholesky of h, retried with a growing relative ridge (1e-12 … 1e-2) when h is numerically singular. */
function ridgedCholesky(h: Float64Array, p: number): CholeskyFactor | null {
  let factor = cholesky(h, p);
  for (let ridge = 1e-12; !factor && ridge < 1; ridge *= 100) {
    const hr = h.slice();
    for (let a = 0; a < p; a++) hr[a * p + a] = hr[a * p + a]! * (1 + ridge) + ridge;
    factor = cholesky(hr, p);
  }
  return factor;
}

/**
 * θ − t·step for t = 1, ½, ¼, … (at most 60 halvings) until Armijo (c = 1e-4) holds, with float64 roundoff of the
 * summed loss allowed (near the optimum the decrease is below it); null when no t decreases the objective.
 */
function lineSearch(
  design: Parameters<typeof binaryObjective>[0],
  y: Float64Array,
  theta: Float64Array,
  current: Evaluation,
  step: Float64Array,
  l2: number,
): { theta: Float64Array; evaluation: Evaluation } | null {
  const p = theta.length;
  let slope = 0;
  for (let a = 0; a < p; a++) slope -= step[a]! * current.gradient[a]!;
  let t = 1;
  for (let halvings = 0; halvings < 60; halvings++, t /= 2) {
    const candidate = new Float64Array(p);
    for (let a = 0; a < p; a++) candidate[a] = theta[a]! - t * step[a]!;
    const e = binaryObjective(design, y, candidate, l2, true);
    if (e.loss <= current.loss + 1e-4 * t * slope + 1e-13 * Math.abs(current.loss))
      return { theta: candidate, evaluation: e };
  }
  return null;
}
