/** Test helper: logistic regression by Newton's method (IRLS) for a few features, in float64. */

/** Fits P(y=1|x) = σ(b + w·x) on row-major `x` ([n, d]); returns [b, w_1, ..., w_d]. */
export function fitLogistic(x: Float32Array, y: Int32Array, d: number, iterations = 25): number[] {
  const n = y.length;
  const p = d + 1;
  const beta = new Array<number>(p).fill(0);
  const row = (i: number): number[] => [1, ...Array.from(x.subarray(i * d, (i + 1) * d))];
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(p).fill(0);
    const hess = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let i = 0; i < n; i++) {
      const xi = row(i);
      const mu = 1 / (1 + Math.exp(-xi.reduce((s, v, k) => s + v * (beta[k] as number), 0)));
      const w = mu * (1 - mu);
      for (let a = 0; a < p; a++) {
        grad[a] = (grad[a] as number) + ((y[i] as number) - mu) * (xi[a] as number);
        for (let b = 0; b < p; b++) {
          (hess[a] as number[])[b] =
            ((hess[a] as number[])[b] as number) + w * (xi[a] as number) * (xi[b] as number);
        }
      }
    }
    const step = solve(hess, grad);
    step.forEach((s, k) => (beta[k] = (beta[k] as number) + s));
  }
  return beta;
}

/** Gaussian elimination with partial pivoting for a small dense system A z = v. */
function solve(a: number[][], v: number[]): number[] {
  const m = a.map((r, i) => [...r, v[i] as number]);
  const p = v.length;
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < p; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= p; k++) m[r]![k] = m[r]![k]! - f * m[c]![k]!;
    }
  }
  const z = new Array<number>(p).fill(0);
  for (let r = p - 1; r >= 0; r--) {
    let s = m[r]![p]!;
    for (let k = r + 1; k < p; k++) s -= m[r]![k]! * z[k]!;
    z[r] = s / m[r]![r]!;
  }
  return z;
}
