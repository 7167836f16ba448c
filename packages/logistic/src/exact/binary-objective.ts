/**
 * The binary logistic objective in float64: Σ log(1 + e^η) − yη + (l2/2)‖w‖², its gradient and IRLS weights in one
 * sweep over the rows (η, one exp, the log-loss, the residual and the gradient update per row; no allocation per
 * row), and the Hessian X̃ᵀWX̃ + l2·I₀ on the blocked symmetric kernel {@link weightedGram}.
 */
import type { Design } from '../data/types.js';
import { weightedGram, type WeightedGramOptions } from '../linalg/weighted-gram.js';

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

/** What {@link binaryObjective} returns. */
export interface Evaluation {
  loss: number;
  gradient: Float64Array;
  weights: Float64Array;
}

/**
 * Σ log-loss + (l2/2)‖w‖², its gradient, and (if asked) the IRLS weights p(1−p); θ = (b, w). One exp per row:
 * with e = e^(−|η|), softplus(η) = max(η, 0) + log1p(e) and σ(η) = 1/(1+e) or e/(1+e) — the same formulas as
 * {@link softplus} and {@link sigmoid}. Cost 2·n·d multiply-adds.
 * @example binaryObjective(design, y, new Float64Array(design.d + 1), 0, false).loss // n·log 2 at θ = 0
 */
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
  const b = theta[0]!;
  let loss = 0;
  let g0 = 0;
  for (let i = 0, row = 0; i < n; i++, row += d) {
    let eta = b;
    for (let j = 0; j < d; j++) eta += theta[1 + j]! * x[row + j]!;
    const e = Math.exp(-Math.abs(eta));
    const yi = y[i]!;
    loss += (eta > 0 ? eta : 0) + Math.log1p(e) - yi * eta;
    const p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
    const r = p - yi;
    g0 += r;
    for (let j = 0; j < d; j++) gradient[1 + j] = gradient[1 + j]! + r * x[row + j]!;
    if (withWeights) weights[i] = p * (1 - p);
  }
  gradient[0] = g0;
  for (let j = 0; j < d; j++) {
    loss += 0.5 * l2 * theta[1 + j]! ** 2;
    gradient[1 + j] = gradient[1 + j]! + l2 * theta[1 + j]!;
  }
  return { loss, gradient, weights };
}

/**
 * X̃ᵀWX̃ + l2·I₀ (no penalty on the intercept), row-major (d+1)²; `subsample` estimates it from every `stride`-th
 * row scaled by `scale` (see {@link weightedGram}).
 * @example binaryHessian(design, binaryObjective(design, y, theta, 1, true).weights, 1)
 */
export function binaryHessian(
  design: Design,
  weights: Float64Array,
  l2: number,
  subsample: WeightedGramOptions = {},
): Float64Array {
  const { n, d, x } = design;
  const p = d + 1;
  const h = weightedGram(x, n, d, weights, subsample);
  for (let j = 1; j < p; j++) h[j * p + j] = h[j * p + j]! + l2;
  return h;
}
