/**
 * Gauss–Legendre quadrature on [0, 1]: ∫₀¹ g(α) dα ≈ Σ_k w_k g(α_k), exact for polynomials of degree ≤ 2n − 1
 * (Golub & Welsch 1969; the nodes are the roots of the Legendre polynomial P_n, found here by Newton's method from
 * Tricomi's initial guesses, as numpy's `leggauss`). The integration path of {@link integratedGradients}.
 */

/** Nodes in (0, 1), ascending, and positive weights summing to 1. */
export interface Quadrature {
  readonly alphas: Float64Array;
  readonly weights: Float64Array;
}

/** P_n(t) and P_n'(t) by Bonnet's recurrence (k+1) P_{k+1} = (2k+1) t P_k − k P_{k−1}. */
function legendreAt(n: number, t: number): { p: number; dp: number } {
  let previous = 1;
  let current = t;
  for (let k = 1; k < n; k++) {
    const next = ((2 * k + 1) * t * current - k * previous) / (k + 1);
    previous = current;
    current = next;
  }
  return { p: current, dp: (n * (t * current - previous)) / (t * t - 1) };
}

/**
 * The `n`-node Gauss–Legendre rule mapped from [−1, 1] to [0, 1] (α = (1 + t)/2, w = w_t / 2). `n` is an integer ≥ 1
 * (callers validate it); `n = 1` is the midpoint rule.
 * @example gaussLegendre(2).alphas // [0.5 − 1/(2√3), 0.5 + 1/(2√3)]
 */
export function gaussLegendre(n: number): Quadrature {
  const alphas = new Float64Array(n);
  const weights = new Float64Array(n);
  if (n === 1) return { alphas: Float64Array.of(0.5), weights: Float64Array.of(1) };
  // The roots are symmetric about 0: find the ⌈n/2⌉ non-negative ones and mirror them.
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let iteration = 0; iteration < 100; iteration++) {
      const { p, dp } = legendreAt(n, t);
      const step = p / dp;
      t -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    const { dp } = legendreAt(n, t);
    const w = 1 / ((1 - t * t) * dp * dp);
    alphas[n - 1 - i] = (1 + t) / 2;
    weights[n - 1 - i] = w;
    alphas[i] = (1 - t) / 2;
    weights[i] = w;
  }
  return { alphas, weights };
}
