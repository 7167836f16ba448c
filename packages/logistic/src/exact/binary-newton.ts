/** Exact binary logistic regression in float64 by Newton's method (= IRLS) with a backtracking line search. */
import { toDesign } from '../data/design.js';
import { toBinaryTarget } from '../data/targets.js';
import type { BinaryData, Design } from '../data/types.js';
import { cholesky, choleskyInverse, choleskySolve } from '../linalg/cholesky.js';
import { IllPosedError, MESSAGES } from '../messages.js';
import { separatingDirection } from './separation.js';

/** Options of {@link fitExactLogistic}. */
export interface ExactLogisticOptions {
  /** L2 strength: minimize Σ log-loss + (l2/2)·‖w‖², intercept not penalized (= scikit-learn C = 1/l2). Default 0. */
  readonly l2?: number;
  /** Stop when ‖∇‖₂ of that objective is <= this. Default 1e-8. */
  readonly gradientTolerance?: number;
  /** Default 100. */
  readonly maxIterations?: number;
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

/** log(1 + e^η) without overflow. */
export function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/** 1/(1 + e^(−η)) without overflow. */
export function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

export interface Evaluation {
  loss: number;
  gradient: Float64Array;
  weights: Float64Array;
}

/** Σ log-loss + (l2/2)‖w‖², its gradient, and (if asked) the IRLS weights p(1−p); θ = (b, w). */
export function binaryObjective(
  design: Design,
  y: Float64Array,
  theta: Float64Array,
  l2: number,
  withWeights: boolean,
): Evaluation {
  const { n, d, x } = design;
  const gradient = new Float64Array(d + 1);
  const weights = new Float64Array(withWeights ? n : 0);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let eta = theta[0]!;
    for (let j = 0; j < d; j++) eta += theta[1 + j]! * x[i * d + j]!;
    loss += softplus(eta) - y[i]! * eta;
    const p = sigmoid(eta);
    const r = p - y[i]!;
    gradient[0] = gradient[0]! + r;
    for (let j = 0; j < d; j++) gradient[1 + j] = gradient[1 + j]! + r * x[i * d + j]!;
    if (withWeights) weights[i] = p * (1 - p);
  }
  for (let j = 0; j < d; j++) {
    loss += 0.5 * l2 * theta[1 + j]! ** 2;
    gradient[1 + j] = gradient[1 + j]! + l2 * theta[1 + j]!;
  }
  return { loss, gradient, weights };
}

const COLUMNS = new WeakMap<Design, Float64Array[]>();

/** The design's columns as contiguous arrays (cached per design): Hessian sums then run over contiguous memory. */
function columnsOf(design: Design): Float64Array[] {
  let cols = COLUMNS.get(design);
  if (!cols) {
    const { n, d, x } = design;
    cols = Array.from({ length: d }, (_, j) => {
      const c = new Float64Array(n);
      for (let i = 0; i < n; i++) c[i] = x[i * d + j]!;
      return c;
    });
    COLUMNS.set(design, cols);
  }
  return cols;
}

/** XᵀWX + l2·I₀ (no penalty on the intercept), row-major (d+1)². */
export function binaryHessian(design: Design, weights: Float64Array, l2: number): Float64Array {
  const { n, d } = design;
  const p = d + 1;
  const cols = columnsOf(design);
  const h = new Float64Array(p * p);
  const wx = new Float64Array(n);
  for (let a = 0; a < p; a++) {
    const ca = a === 0 ? null : cols[a - 1]!;
    for (let i = 0; i < n; i++) wx[i] = ca ? weights[i]! * ca[i]! : weights[i]!;
    for (let b = 0; b <= a; b++) {
      let s = 0;
      if (b === 0) for (let i = 0; i < n; i++) s += wx[i]!;
      else {
        const cb = cols[b - 1]!;
        for (let i = 0; i < n; i++) s += wx[i]! * cb[i]!;
      }
      h[a * p + b] = s;
      h[b * p + a] = s;
    }
  }
  for (let j = 1; j < p; j++) h[j * p + j] = h[j * p + j]! + l2;
  return h;
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
  while (iterations < maxIterations) {
    if (gradientNorm <= tol) {
      converged = true;
      if (polish++ >= 2 || gradientNorm === 0) break;
    }
    const h = binaryHessian(design, current.weights, l2);
    let factor = cholesky(h, p);
    for (let ridge = 1e-12; !factor && ridge < 1; ridge *= 100) {
      const hr = h.slice();
      for (let a = 0; a < p; a++) hr[a * p + a] = hr[a * p + a]! * (1 + ridge) + ridge;
      factor = cholesky(hr, p);
    }
    if (!factor) break;
    const step = choleskySolve(factor, current.gradient);
    let slope = 0;
    for (let a = 0; a < p; a++) slope -= step[a]! * current.gradient[a]!;
    let t = 1;
    let next: Evaluation | null = null;
    let candidate = theta;
    for (let halvings = 0; halvings < 60; halvings++, t /= 2) {
      candidate = theta.map((v, a) => v - t * step[a]!);
      const e = binaryObjective(design, y, candidate, l2, true);
      // Armijo, with float64 roundoff of the summed loss allowed (near the optimum the decrease is below it).
      if (e.loss <= current.loss + 1e-4 * t * slope + 1e-13 * Math.abs(current.loss)) {
        next = e;
        break;
      }
    }
    iterations++;
    if (!next) break; // no decrease possible in float64: stalled
    if (converged && norm2(next.gradient) >= gradientNorm) break; // polishing no longer helps
    previous = theta;
    theta = candidate;
    current = next;
    gradientNorm = norm2(current.gradient);
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
  const factor = cholesky(binaryHessian(design, current.weights, l2), p, 1e-15);
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
