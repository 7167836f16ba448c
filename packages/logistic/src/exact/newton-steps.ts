/**
 * The damped Newton iteration of the binary fit, on any {@link BinaryEngine}: s = −H⁻¹∇ by a Jacobi-scaled Cholesky
 * (ridged when H is numerically singular), then backtracking (Armijo, c = 1e-4). Each step costs one Hessian and
 * usually one objective pass; convergence is quadratic near the minimum.
 */
import { cholesky, choleskySolve, type CholeskyFactor } from '../linalg/cholesky.js';
import type { BinaryEngine } from './binary-engine.js';
import type { Evaluation } from './binary-objective.js';

/** ‖v‖₂, scaled by max |vᵢ| so that entries above ~1e154 do not overflow the sum of squares. */
export function norm2(v: Float64Array): number {
  let scale = 0;
  for (const e of v) scale = Math.max(scale, Math.abs(e));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (const e of v) s += (e / scale) ** 2;
  return scale * Math.sqrt(s);
}

/** The state {@link newton} ends in: θ, the iterate before it, the evaluation at θ, the last Hessian formed and where. */
export interface NewtonRun {
  readonly theta: Float64Array;
  readonly previous: Float64Array;
  readonly current: Evaluation;
  readonly iterations: number;
  readonly converged: boolean;
  readonly hessian: Float64Array | null;
  readonly hessianAt: Float64Array;
}

/**
 * Newton steps s = −H⁻¹∇ from θ₀ with {@link lineSearch}, until ‖∇‖ <= tol and then at most `polishSteps` more
 * (each squares the error, to float64 precision; stops as soon as one no longer lowers ‖∇‖), or a stall.
 */
export function newton(
  engine: BinaryEngine,
  theta0: Float64Array,
  tol: number,
  maxIterations: number,
  polishSteps: number,
): NewtonRun {
  const p = theta0.length;
  let theta = theta0;
  let previous: Float64Array = new Float64Array(p);
  let current = engine.objective(theta, true);
  let gradientNorm = norm2(current.gradient);
  let iterations = 0;
  let converged = false;
  let polish = 0;
  let hessian: Float64Array | null = null;
  let hessianAt = theta;
  while (iterations < maxIterations) {
    if (gradientNorm <= tol) {
      converged = true;
      if (polish++ >= polishSteps || gradientNorm === 0) break;
    }
    hessian = engine.hessian(current.weights);
    hessianAt = theta;
    const factor = ridgedCholesky(hessian, p);
    if (!factor) break;
    const next = lineSearch(engine, theta, current, choleskySolve(factor, current.gradient));
    iterations++;
    if (!next) break; // no decrease possible in float64: stalled
    if (converged && norm2(next.evaluation.gradient) >= gradientNorm) break; // polishing no longer helps
    previous = theta;
    theta = next.theta;
    current = next.evaluation;
    gradientNorm = norm2(current.gradient);
  }
  return {
    theta,
    previous,
    current,
    iterations,
    converged: converged || gradientNorm <= tol,
    hessian,
    hessianAt,
  };
}

/**
 * θ − t·step for t = 1, ½, ¼, … (at most 60 halvings) until Armijo (c = 1e-4) holds, with float64 roundoff of the
 * summed loss allowed (near the optimum the decrease is below it); null when no t decreases the objective.
 */
function lineSearch(
  engine: BinaryEngine,
  theta: Float64Array,
  current: Evaluation,
  step: Float64Array,
): { theta: Float64Array; evaluation: Evaluation } | null {
  const p = theta.length;
  let slope = 0;
  for (let a = 0; a < p; a++) slope -= step[a]! * current.gradient[a]!;
  let t = 1;
  for (let halvings = 0; halvings < 60; halvings++, t /= 2) {
    const candidate = new Float64Array(p);
    for (let a = 0; a < p; a++) candidate[a] = theta[a]! - t * step[a]!;
    const e = engine.objective(candidate, true);
    if (e.loss <= current.loss + 1e-4 * t * slope + 1e-13 * Math.abs(current.loss))
      return { theta: candidate, evaluation: e };
  }
  return null;
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
