/**
 * Quadrature rules on [0, 1] for path integrals ∫₀¹ g(α) dα ≈ Σ_k w_k g(α_k): Gauss–Legendre (exact for polynomials
 * of degree ≤ 2n − 1; nodes by Newton's method on P_n, as numpy's `leggauss`) and Riemann sums (left, right,
 * middle, trapezoid — Captum's `riemann_*` rules, the trapezoid over n points including both ends).
 */
import { MESSAGES } from '../messages.js';

export const QUADRATURE_RULES = [
  'gauss-legendre',
  'riemann-left',
  'riemann-right',
  'riemann-middle',
  'riemann-trapezoid',
] as const;
export type QuadratureRule = (typeof QUADRATURE_RULES)[number];

/** Nodes α_k in [0, 1] and weights w_k summing to 1. */
export interface Quadrature {
  readonly alphas: Float64Array;
  readonly weights: Float64Array;
}

/** Legendre P_n(x) and P_n'(x) by the three-term recurrence. */
function legendre(n: number, x: number): [number, number] {
  let [p0, p1] = [1, x];
  for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
  const p = n === 0 ? 1 : p1;
  const dp = n === 0 ? 0 : (n * (x * p1 - p0)) / (x * x - 1);
  return [p, dp];
}

function gaussLegendre(n: number): Quadrature {
  const alphas = new Float64Array(n);
  const weights = new Float64Array(n);
  if (n === 1) return { alphas: Float64Array.of(0.5), weights: Float64Array.of(1) };
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let iter = 0; iter < 100; iter++) {
      const [p, dp] = legendre(n, x);
      const dx = p / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-15) break;
    }
    const [, dp] = legendre(n, x);
    // Ascending α: node i of the descending cosines goes to slot n − 1 − i.
    alphas[n - 1 - i] = (1 + x) / 2;
    weights[n - 1 - i] = 1 / ((1 - x * x) * dp * dp);
  }
  return { alphas, weights };
}

/**
 * The rule's `steps` nodes and weights on [0, 1].
 * @example quadrature('gauss-legendre', 50) // Captum's default for integrated gradients
 */
export function quadrature(rule: QuadratureRule, steps: number, fn = 'quadrature'): Quadrature {
  if (!Number.isInteger(steps) || steps < 1 || steps > 10_000)
    throw new Error(MESSAGES.integerRange(fn, 'options.steps', steps, 1, 10_000));
  const k = Float64Array.from({ length: steps }, (_, i) => i);
  switch (rule) {
    case 'gauss-legendre':
      return gaussLegendre(steps);
    case 'riemann-left':
      return { alphas: k.map((i) => i / steps), weights: k.map(() => 1 / steps) };
    case 'riemann-right':
      return { alphas: k.map((i) => (i + 1) / steps), weights: k.map(() => 1 / steps) };
    case 'riemann-middle':
      return { alphas: k.map((i) => (i + 0.5) / steps), weights: k.map(() => 1 / steps) };
    case 'riemann-trapezoid': {
      if (steps < 2) throw new Error(MESSAGES.integerRange(fn, 'options.steps', steps, 2, 10_000));
      const h = 1 / (steps - 1);
      return {
        alphas: k.map((i) => i * h),
        weights: k.map((i) => (i === 0 || i === steps - 1 ? h / 2 : h)),
      };
    }
    default:
      throw new Error(MESSAGES.unknownName(fn, 'options.rule', rule, QUADRATURE_RULES));
  }
}
