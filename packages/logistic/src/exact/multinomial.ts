/** Exact multinomial logistic regression in float64: Newton for small problems, Newton-CG (or L-BFGS) for large ones. */
import { toDesign } from '../data/design.js';
import { toClassTarget } from '../data/targets.js';
import type { MulticlassData } from '../data/types.js';
import { cholesky, choleskySolve } from '../linalg/cholesky.js';
import { IllPosedError, MESSAGES } from '../messages.js';
import { minimizeLbfgs } from './lbfgs.js';
import { minimizeMultinomialNewtonCg } from './multinomial-newton-cg.js';
import { multinomialHessian, multinomialObjective } from './multinomial-objective.js';
import { separatingDirection } from './separation.js';

/** Solvers of {@link fitExactMultinomial}. */
export const MULTINOMIAL_METHODS = ['auto', 'newton', 'newton-cg', 'lbfgs'] as const;
export type MultinomialMethod = (typeof MULTINOMIAL_METHODS)[number];

/** Options of {@link fitExactMultinomial}. */
export interface ExactMultinomialOptions {
  /** minimize Σ log-loss + (l2/2)·Σₖ‖wₖ‖², intercepts not penalized (scikit-learn multinomial, C = 1/l2). Default 0. */
  readonly l2?: number;
  /**
   * `auto` (default): Newton when K·(d+1) <= 200, else Newton-CG (Hessian-vector products, no Hessian: see
   * {@link minimizeMultinomialNewtonCg}); `lbfgs` = the previous large-problem solver.
   */
  readonly method?: MultinomialMethod;
  /** Default 1e-8 (‖∇‖₂ of the objective above). */
  readonly gradientTolerance?: number;
  /** Default 100 for Newton and Newton-CG (Newton steps), 2000 for L-BFGS. */
  readonly maxIterations?: number;
  /** Threads for Newton-CG's products on large designs; the result is bit-identical for any count. Default: the cores. */
  readonly workers?: number;
}

/** Centred parameters (Σₖ bₖ = 0 and Σₖ wₖ = 0: the softmax shift freedom removed). */
export interface ExactMultinomialFit {
  readonly method: 'newton' | 'newton-cg' | 'lbfgs';
  readonly featureNames: readonly string[];
  readonly numClasses: number;
  readonly n: number;
  readonly l2: number;
  /** K intercepts. */
  readonly intercepts: Float64Array;
  /** K × d, row-major (row k = class k). */
  readonly coefficients: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  readonly gradientNorm: number;
  readonly logLikelihood: number;
}

/** Subtract the mean over classes from every parameter (θ holds K rows of length p). */
export function centreClasses(theta: Float64Array, numClasses: number, p: number): Float64Array {
  const out = Float64Array.from(theta);
  for (let a = 0; a < p; a++) {
    let mean = 0;
    for (let k = 0; k < numClasses; k++) mean += theta[k * p + a]!;
    mean /= numClasses;
    for (let k = 0; k < numClasses; k++) out[k * p + a] = theta[k * p + a]! - mean;
  }
  return out;
}

/**
 * Multinomial logistic regression by maximum likelihood (l2 = 0) or with L2. Newton: (H + c·Σuₐuₐᵀ) s = −∇ with
 * the shift directions damped (see {@link multinomialHessian}), halving steps until the objective decreases.
 * With K = 2 and l2 = 0, w₁ − w₀ equals the binary fit; with l2 > 0 it equals the binary fit with l2/2.
 * @example fitExactMultinomial(loadPenguins(), { l2: 1 }).coefficients
 */
export function fitExactMultinomial(
  data: MulticlassData,
  options: ExactMultinomialOptions = {},
): ExactMultinomialFit {
  const fn = 'fitExactMultinomial';
  const l2 = options.l2 ?? 0;
  const tol = options.gradientTolerance ?? 1e-8;
  if (!(l2 >= 0) || !Number.isFinite(l2))
    throw new Error(MESSAGES.badOption(fn, 'l2', l2, 'a finite number >= 0'));
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1))
    throw new Error(MESSAGES.badOption(fn, 'workers', options.workers, 'an integer >= 1'));
  const requested = options.method ?? 'auto';
  if (!MULTINOMIAL_METHODS.includes(requested))
    throw new Error(MESSAGES.badOption(fn, 'method', requested, MULTINOMIAL_METHODS.join(' | ')));
  const design = toDesign(fn, data, l2 === 0);
  const { y, numClasses } = toClassTarget(fn, data.target, design.n, data.numClasses, data.classNames);
  const p = design.d + 1;
  const size = numClasses * p;
  const method = requested === 'auto' ? (size <= 200 ? 'newton' : 'newton-cg') : requested;
  const objective = (t: Float64Array) => multinomialObjective(design, y, numClasses, t, l2);
  let theta: Float64Array = new Float64Array(size);
  let previous: Float64Array = theta;
  let iterations = 0;
  let gradientNorm: number;
  if (method === 'newton-cg') {
    const r = minimizeMultinomialNewtonCg(design, y, numClasses, l2, {
      gradientTolerance: tol,
      maxIterations: options.maxIterations ?? 100,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
    });
    theta = r.theta;
    iterations = r.iterations;
    gradientNorm = r.gradientNorm;
  } else if (method === 'lbfgs') {
    const r = minimizeLbfgs(objective, theta, {
      gradientTolerance: tol,
      maxIterations: options.maxIterations ?? 2000,
    });
    previous = theta;
    theta = r.theta;
    iterations = r.iterations;
    gradientNorm = r.gradientNorm;
  } else {
    const maxIterations = options.maxIterations ?? 100;
    let current = objective(theta);
    gradientNorm = Math.hypot(...current.gradient);
    let polish = 0; // Newton steps after reaching the tolerance (each squares the error), at most 2
    while ((gradientNorm > tol || polish < 2) && iterations < maxIterations && gradientNorm > 0) {
      if (gradientNorm <= tol) polish++;
      const h = multinomialHessian(design, numClasses, theta, l2, 0);
      let scale = 0;
      for (let a = 0; a < size; a++) scale = Math.max(scale, h[a * size + a]!);
      const damped = multinomialHessian(design, numClasses, theta, l2, Math.max(scale, 1) / numClasses);
      let factor = cholesky(damped, size);
      for (let ridge = 1e-12; !factor && ridge < 1; ridge *= 100) {
        const hr = damped.slice();
        for (let a = 0; a < size; a++) hr[a * size + a] = hr[a * size + a]! * (1 + ridge) + ridge;
        factor = cholesky(hr, size);
      }
      if (!factor) break;
      const step = choleskySolve(factor, current.gradient);
      let slope = 0;
      for (let a = 0; a < size; a++) slope -= step[a]! * current.gradient[a]!;
      let accepted: { theta: Float64Array; e: typeof current } | null = null;
      for (let t = 1, tries = 0; tries < 60; tries++, t /= 2) {
        const candidate = theta.map((v, a) => v - t * step[a]!);
        const e = objective(candidate);
        if (e.value <= current.value + 1e-4 * t * slope + 1e-13 * Math.abs(current.value)) {
          accepted = { theta: candidate, e };
          break;
        }
      }
      iterations++;
      if (!accepted) break;
      if (polish > 0 && Math.hypot(...accepted.e.gradient) >= gradientNorm) break;
      previous = theta;
      theta = accepted.theta;
      current = accepted.e;
      gradientNorm = Math.hypot(...current.gradient);
    }
  }
  theta = centreClasses(theta, numClasses, p);
  if (l2 === 0) {
    const classOf = (i: number) => y[i]!;
    const step = centreClasses(
      theta.map((v, a) => v - previous[a]!),
      numClasses,
      p,
    );
    const sep =
      separatingDirection(design, classOf, numClasses, theta) ??
      separatingDirection(design, classOf, numClasses, step);
    if (sep)
      throw new IllPosedError(MESSAGES.separation(fn, sep.kind, sep.features), 'separation', sep.features);
  }
  const final = objective(theta);
  const finalNorm = Math.hypot(...final.gradient);
  const intercepts = new Float64Array(numClasses);
  const coefficients = new Float64Array(numClasses * design.d);
  for (let k = 0; k < numClasses; k++) {
    intercepts[k] = theta[k * p]!;
    for (let j = 0; j < design.d; j++) coefficients[k * design.d + j] = theta[k * p + 1 + j]!;
  }
  return {
    method,
    featureNames: design.names,
    numClasses,
    n: design.n,
    l2,
    intercepts,
    coefficients,
    iterations,
    converged: finalNorm <= tol,
    gradientNorm: finalNorm,
    logLikelihood: final.logLikelihood,
  };
}
