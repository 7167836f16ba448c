/** Limited-memory BFGS in float64 (Nocedal & Wright, Alg. 7.4–7.5) with a backtracking Armijo line search. */

/** Objective value and gradient at θ. */
export type ObjectiveFn = (theta: Float64Array) => { value: number; gradient: Float64Array };

/** Options of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** Stop when ‖∇‖₂ <= this. Default 1e-8. */
  readonly gradientTolerance?: number;
  /**
   * Also require the quasi-Newton step −H̃∇ (an estimate of the distance to the minimum) to be <= this in every
   * coordinate before declaring convergence; matters for ill-conditioned problems where a small gradient can
   * still mean a parameter error far above it. Default: not checked.
   */
  readonly stepTolerance?: number;
  /** Default 1000. */
  readonly maxIterations?: number;
  /** Curvature pairs kept. Default 10. */
  readonly memory?: number;
  /**
   * Relative noise of the objective (float64 roundoff by default; about 1e-6 when it is computed in float32): a step
   * is accepted when f_new <= f + 1e-4·t·∇ᵀd + noise·|f|, so steps whose decrease is below the noise are still taken
   * and the gradient decides convergence. Default 1e-14.
   */
  readonly relativeNoise?: number;
}

/** Result of {@link minimizeLbfgs}. */
export interface LbfgsResult {
  readonly theta: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  readonly gradientNorm: number;
  /** ‖−H̃∇‖∞ of the last quasi-Newton direction computed (Infinity if none). */
  readonly stepNorm: number;
  readonly iterations: number;
  /** Objective + gradient evaluations (full passes over the data). */
  readonly evaluations: number;
  readonly converged: boolean;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/**
 * Minimize a smooth function from `theta0`. Search direction by the two-loop recursion with H₀ = (sᵀy/yᵀy)·I;
 * pairs with sᵀy <= 1e-10‖s‖‖y‖ are skipped; when a line search fails the memory is cleared and a
 * steepest-descent step tried once before stopping (`converged: false`, the reached norm reported).
 * @example minimizeLbfgs((t) => ({ value: t[0]! ** 2, gradient: Float64Array.of(2 * t[0]!) }), Float64Array.of(3))
 */
export function minimizeLbfgs(
  objective: ObjectiveFn,
  theta0: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const tol = options.gradientTolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 1000;
  const memory = options.memory ?? 10;
  const noise = options.relativeNoise ?? 1e-14;
  let theta: Float64Array = Float64Array.from(theta0);
  let value: number;
  let gradient: Float64Array;
  ({ value, gradient } = objective(theta));
  let evaluations = 1;
  let gradientNorm = Math.sqrt(dot(gradient, gradient));
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  let iterations = 0;
  let restarted = false;
  const stepTol = options.stepTolerance ?? Infinity;
  let stepNorm = Infinity;
  while (iterations < maxIterations) {
    if (gradientNorm <= tol && (stepTol === Infinity || stepNorm <= stepTol)) break;
    // 1. Two-loop recursion.
    const q = Float64Array.from(gradient);
    const alphas: number[] = [];
    for (let k = sList.length - 1; k >= 0; k--) {
      const a = dot(sList[k]!, q) / dot(yList[k]!, sList[k]!);
      alphas[k] = a;
      const yk = yList[k]!;
      for (let i = 0; i < q.length; i++) q[i] = q[i]! - a * yk[i]!;
    }
    let gamma = 1 / Math.max(gradientNorm, 1);
    if (sList.length > 0) {
      const s = sList[sList.length - 1]!;
      const y = yList[yList.length - 1]!;
      gamma = dot(s, y) / dot(y, y);
    }
    for (let i = 0; i < q.length; i++) q[i] = q[i]! * gamma;
    for (let k = 0; k < sList.length; k++) {
      const b = dot(yList[k]!, q) / dot(yList[k]!, sList[k]!);
      const sk = sList[k]!;
      for (let i = 0; i < q.length; i++) q[i] = q[i]! + (alphas[k]! - b) * sk[i]!;
    }
    const direction = q.map((v) => -v);
    let slope = dot(direction, gradient);
    if (!(slope < 0)) {
      for (let i = 0; i < q.length; i++) direction[i] = -gradient[i]! * gamma;
      slope = dot(direction, gradient);
    }
    stepNorm = direction.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    if (gradientNorm <= tol && stepNorm <= stepTol) break;
    // 2. Backtracking line search.
    let t = 1;
    let accepted: { theta: Float64Array; value: number; gradient: Float64Array } | null = null;
    for (let tries = 0; tries < 40; tries++, t /= 2) {
      const candidate = theta.map((v, i) => v + t * direction[i]!);
      const e = objective(candidate);
      evaluations++;
      if (Number.isFinite(e.value) && e.value <= value + 1e-4 * t * slope + noise * Math.abs(value)) {
        accepted = { theta: candidate, ...e };
        break;
      }
    }
    iterations++;
    if (!accepted) {
      if (restarted || sList.length === 0) break;
      sList.length = 0;
      yList.length = 0;
      restarted = true;
      continue;
    }
    restarted = false;
    // 3. Curvature pair.
    const s = accepted.theta.map((v, i) => v - theta[i]!);
    const y = accepted.gradient.map((v, i) => v - gradient[i]!);
    const sy = dot(s, y);
    if (sy > 1e-10 * Math.sqrt(dot(s, s) * dot(y, y))) {
      sList.push(s);
      yList.push(y);
      if (sList.length > memory) {
        sList.shift();
        yList.shift();
      }
    }
    theta = accepted.theta;
    value = accepted.value;
    gradient = accepted.gradient;
    gradientNorm = Math.sqrt(dot(gradient, gradient));
  }
  return {
    theta,
    value,
    gradient,
    gradientNorm,
    stepNorm,
    iterations,
    evaluations,
    converged: gradientNorm <= tol && (stepTol === Infinity || stepNorm <= stepTol),
  };
}
