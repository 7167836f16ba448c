/** Exact binary logistic regression in float64 by Newton's method (= IRLS) with a backtracking line search. */
import { toDesign } from '../data/design.js';
import { toBinaryTarget } from '../data/targets.js';
import type { BinaryData } from '../data/types.js';
import { cholesky, choleskyInverse } from '../linalg/cholesky.js';
import { IllPosedError, MESSAGES } from '../messages.js';
import { binaryEngine } from './binary-engine.js';
import { warmStart } from './binary-warm-start.js';
import { newton, norm2 } from './newton-steps.js';
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
   * Start Newton from the fit on every 8th row (itself warm-started the same way) when n >= 8·max(4096, 16·(d+1)²):
   * that start is within the sampling error O(√(d/n)) of the minimum, so the full-data Newton needs ~3 steps instead
   * of ~7 from 0 (each step = one objective pass + one Hessian). Only the path changes, not the minimum. Default true.
   */
  readonly warmStart?: boolean;
  /**
   * Threads for designs of >= 50,000 rows (their objective and Hessian passes are split over fixed row blocks and
   * added in block order: the fit is bit-identical for any count). Default: the machine's cores.
   */
  readonly workers?: number;
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

/**
 * Maximum-likelihood (l2 = 0) or L2-penalized binary logistic regression, exact in float64.
 * Newton step s = −H⁻¹∇ with H = XᵀWX + l2·I₀, W = diag(p(1−p)), halved until the objective decreases
 * (Armijo, c = 1e-4). With l2 = 0 it first rejects collinear/constant columns and n < d + 1, and after the fit
 * checks for separation, throwing {@link IllPosedError} (kind `separation`) naming the features of the separating
 * direction instead of returning diverging coefficients. On large designs (see the `warmStart` and `workers`
 * options) Newton starts from a subsample's fit and its passes run over fixed row blocks on worker threads.
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
  // 1. Newton from a subsample's fit (large n) or from 0.
  const large = options.warmStart !== false && design.n >= 8 * Math.max(4096, 16 * p * p);
  const workers = options.workers;
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1))
    throw new Error(MESSAGES.badOption(fn, 'workers', workers, 'an integer >= 1'));
  const start = large ? warmStart(design, y, l2, tol, workers) : new Float64Array(p);
  const engine = binaryEngine(design, y, l2, workers);
  // Polishing (one more Newton step after ‖∇‖ <= tol, squaring the error) is skipped on large designs: there the
  // parameter error ‖∇‖/λ_min is already at float64 roundoff (λ_min grows with n) and a step costs a full pass.
  let run = newton(engine, start, tol, maxIterations, large ? 0 : 1);
  // A warm start that ends worse than θ = 0 (whose loss is n·ln 2) would only hide a problem: start over from 0.
  if (large && !(run.current.loss <= design.n * Math.LN2))
    run = newton(engine, new Float64Array(p), tol, maxIterations, 1);
  const { theta, previous, current, iterations } = run;
  let { converged } = run;
  const gradientNorm = norm2(current.gradient);
  if (gradientNorm <= tol) converged = true;
  // 2. With l2 = 0: no separating direction (θ itself or the last step).
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
  // 3. The covariance: on large designs the last Hessian formed when θ moved less than 1e-8 (relative) after it
  //    (the covariance then differs by ~that relative amount), else a new one at θ.
  let moved = 0;
  for (let a = 0; a < p; a++)
    moved = Math.max(moved, Math.abs(theta[a]! - run.hessianAt[a]!) / Math.max(1, Math.abs(theta[a]!)));
  const factor =
    large && moved <= 1e-8 && run.hessian
      ? cholesky(run.hessian, p, 1e-15)
      : cholesky(engine.hessian(current.weights), p, 1e-15);
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
