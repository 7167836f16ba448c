/** Float64 references for the logistic tests, written apart from @openbox/logistic: Newton LR and squared-error gradients. */

/** σ(η) without overflow. */
const sigmoid = (eta: number) => (eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta)));

/** η = b + zᵢᵀw for every row. */
function predictors(z: ArrayLike<number>, n: number, d: number, theta: ArrayLike<number>): Float64Array {
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = theta[0]!;
    for (let j = 0; j < d; j++) s += theta[1 + j]! * z[i * d + j]!;
    eta[i] = s;
  }
  return eta;
}

/** Solve A x = b (p × p, row-major) by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(m[r * p + c]!) > Math.abs(m[piv * p + c]!)) piv = r;
    for (let k = 0; k < p; k++) [m[c * p + k], m[piv * p + k]] = [m[piv * p + k]!, m[c * p + k]!];
    [x[c], x[piv]] = [x[piv]!, x[c]!];
    for (let r = c + 1; r < p; r++) {
      const f = m[r * p + c]! / m[c * p + c]!;
      for (let k = c; k < p; k++) m[r * p + k]! -= f * m[c * p + k]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let c = p - 1; c >= 0; c--) {
    let s = x[c]!;
    for (let k = c + 1; k < p; k++) s -= m[c * p + k]! * x[k]!;
    x[c] = s / m[c * p + c]!;
  }
  return x;
}

/**
 * argmin Σ log-loss + (l2/2)‖w‖² (intercept free) by plain Newton steps from 0 until ‖step‖∞ < 1e-12 (at most 100):
 * returns θ = (b, w). The data must not be separable when l2 = 0.
 */
export function newtonLogistic(
  z: ArrayLike<number>,
  n: number,
  d: number,
  y: ArrayLike<number>,
  l2: number,
): Float64Array {
  const p = d + 1;
  const theta = new Float64Array(p);
  for (let it = 0; it < 100; it++) {
    const eta = predictors(z, n, d, theta);
    const g = new Float64Array(p);
    const h = new Float64Array(p * p);
    for (let i = 0; i < n; i++) {
      const pi = sigmoid(eta[i]!);
      const row = [1, ...Array.from({ length: d }, (_, j) => z[i * d + j]!)];
      for (let a = 0; a < p; a++) {
        g[a]! += (pi - y[i]!) * row[a]!;
        for (let c = 0; c < p; c++) h[a * p + c]! += pi * (1 - pi) * row[a]! * row[c]!;
      }
    }
    for (let j = 1; j < p; j++) {
      g[j]! += l2 * theta[j]!;
      h[j * p + j]! += l2;
    }
    const step = solve(h, g, p);
    for (let a = 0; a < p; a++) theta[a]! -= step[a]!;
    if (Math.max(...step.map(Math.abs)) < 1e-12) break;
  }
  return theta;
}

/** ‖∇‖₂ of the per-row mean of Σ (σ(η) − y)² + (l2/2)‖w‖² at θ = (b, w): ~0 at the squared-error net's optimum. */
export function squaredErrorGradientNorm(
  z: ArrayLike<number>,
  n: number,
  d: number,
  y: ArrayLike<number>,
  theta: ArrayLike<number>,
  l2: number,
): number {
  const eta = predictors(z, n, d, theta);
  const g = new Float64Array(d + 1);
  for (let i = 0; i < n; i++) {
    const pi = sigmoid(eta[i]!);
    const r = 2 * (pi - y[i]!) * pi * (1 - pi);
    g[0]! += r;
    for (let j = 0; j < d; j++) g[1 + j]! += r * z[i * d + j]!;
  }
  for (let j = 0; j < d; j++) g[1 + j]! += l2 * theta[1 + j]!;
  return Math.hypot(...g) / n;
}

/** ‖∇‖₂ of the per-row mean log-loss at θ: 0 only at the MLE. */
export function logLossGradientNorm(
  z: ArrayLike<number>,
  n: number,
  d: number,
  y: ArrayLike<number>,
  theta: ArrayLike<number>,
): number {
  const eta = predictors(z, n, d, theta);
  const g = new Float64Array(d + 1);
  for (let i = 0; i < n; i++) {
    const r = sigmoid(eta[i]!) - y[i]!;
    g[0]! += r;
    for (let j = 0; j < d; j++) g[1 + j]! += r * z[i * d + j]!;
  }
  return Math.hypot(...g) / n;
}
