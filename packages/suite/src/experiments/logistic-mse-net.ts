/** The control net: Dense(K, sigmoid | softmax) trained to convergence on squared error, which is NOT LR's likelihood. */
import { centreClasses, trainDense } from '@openbox/logistic';

/** The converged squared-error net read back as K rows of (intercept, coefficients); softmax rows centred. */
export interface MseNetFit {
  readonly intercepts: Float64Array;
  /** K × d row-major. */
  readonly coefficients: Float64Array;
  readonly epochs: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly gradientNorm: number;
}

/**
 * Minimize (1/n)·[Σᵢ Σₖ (pᵢₖ − yᵢₖ)² + (l2/2)‖W‖²] over a tfjs `Dense(units, activation)` (glorot kernel seeded, zero
 * bias) by full-batch L-BFGS on tfjs gradients, to ‖∇‖ ≤ 1e-7 — `trainDense` of `@openbox/logistic` with
 * `loss: 'squared-error'`: the same net, optimizer and stopping rule as the cross-entropy nets, only the loss differs. Squared error on σ(η) is not the Bernoulli log-likelihood, so the
 * converged weights are not the logistic-regression MLE: this is the experiment's control. Tensors are disposed.
 * @example fitMseDense(x, labels, [n, d, 1], 'sigmoid', { l2: 0, seed: 1 }).coefficients
 */
export function fitMseDense(
  x: Float64Array,
  labels: Float32Array,
  shape: readonly [number, number, number],
  activation: 'sigmoid' | 'softmax',
  options: { readonly l2: number; readonly seed: number },
): MseNetFit {
  const [n, d, units] = shape;
  const p = d + 1;
  const t = trainDense({ n, d, x, names: [] }, labels, units, activation, {
    l2: options.l2,
    seed: options.seed,
    loss: 'squared-error',
    maxIterations: 2000,
  });
  const theta = activation === 'softmax' ? centreClasses(t.theta, units, p) : t.theta;
  const intercepts = new Float64Array(units);
  const coefficients = new Float64Array(units * d);
  for (let k = 0; k < units; k++) {
    intercepts[k] = theta[k * p]!;
    for (let j = 0; j < d; j++) coefficients[k * d + j] = theta[k * p + 1 + j]!;
  }
  return {
    intercepts,
    coefficients,
    epochs: t.epochs,
    iterations: t.iterations,
    converged: t.converged,
    gradientNorm: t.gradientNorm,
  };
}
