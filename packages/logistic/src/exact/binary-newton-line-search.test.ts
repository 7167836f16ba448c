import { expectArraysClose } from '@openbox/testing';
import { describe, expect, it } from 'vitest';
import { gaussJordanInverse } from '../test-helpers.js';
import { fitExactLogistic } from './binary-newton.js';

// Seven rows with two far points (u = 8.9, −5.6) against the trend: nearly separable, so with a small l2 the Newton
// iterates run out to |w| ≈ 10 and one of them overshoots. From θ = 0 no step can (XᵀX/4 bounds every Hessian, so
// the first full step always decreases the objective), hence a later iteration is needed.
const X = [
  [0.9, -0.4],
  [-2, -0.9],
  [8.9, -0.4],
  [1, -0.3],
  [-5.6, -0.5],
  [0.2, -0.6],
  [-0.4, 0.2],
];
const Y = [0, 1, 0, 0, 1, 1, 0];
const data = { features: X.flat(), shape: [7, 2], target: Y };

/** Σ log(1 + e^η) − yη + (l2/2)‖w‖², its gradient and Hessian, written out independently of binaryObjective. */
function objective(theta: readonly number[], l2: number) {
  const p = theta.length;
  let f = 0;
  const g = new Array<number>(p).fill(0);
  const h = new Array<number>(p * p).fill(0);
  X.forEach((row, i) => {
    const z = [1, ...row];
    const eta = z.reduce((s, v, a) => s + v * theta[a]!, 0);
    f += Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))) - Y[i]! * eta;
    const prob = 1 / (1 + Math.exp(-eta));
    z.forEach((v, a) => {
      g[a] = g[a]! + (prob - Y[i]!) * v;
      z.forEach((u, b) => (h[a * p + b] = h[a * p + b]! + prob * (1 - prob) * v * u));
    });
  });
  for (let a = 1; a < p; a++) {
    f += 0.5 * l2 * theta[a]! ** 2;
    g[a] = g[a]! + l2 * theta[a]!;
    h[a * p + a] = h[a * p + a]! + l2;
  }
  return { f, g, h };
}

/**
 * The documented algorithm, as a float64 reference: s = H⁻¹∇ (Gauss–Jordan), then t = 1, ½, ¼, … until Armijo's
 * f(θ − t·s) <= f(θ) − 1e-4·t·sᵀ∇. Per iteration: the new θ, the t taken, and f(θ − s) − f(θ), f(θ − s/2) − f(θ)
 * in units of sᵀ∇ (Armijo wants <= −1e-4 and <= −0.5e-4).
 */
function dampedNewton(l2: number, iterations: number) {
  let theta = [0, 0, 0];
  const out: { theta: number[]; t: number; full: number; half: number }[] = [];
  for (let k = 0; k < iterations; k++) {
    const { f, g, h } = objective(theta, l2);
    const inverse = gaussJordanInverse(h, 3);
    const s = [0, 1, 2].map((a) => [0, 1, 2].reduce((sum, b) => sum + inverse[a * 3 + b]! * g[b]!, 0));
    const slope = s.reduce((sum, v, a) => sum + v * g[a]!, 0);
    const at = (t: number) =>
      objective(
        theta.map((v, a) => v - t * s[a]!),
        l2,
      ).f;
    const [full, half] = [(at(1) - f) / slope, (at(0.5) - f) / slope];
    let t = 1;
    while (at(t) > f - 1e-4 * t * slope) t /= 2;
    theta = theta.map((v, a) => v - t * s[a]!);
    out.push({ theta, t, full, half });
  }
  return out;
}

describe('fitExactLogistic, the backtracking line search', () => {
  // l2 tuned (by bisection on the reference) so that one iteration sits where Armijo decides alone:
  // A: the full step lowers f, by 3.6e-5·sᵀ∇, not the 1e-4·sᵀ∇ Armijo asks, so it is halved (a "does f decrease?"
  //    or "always accept" test would take it);
  // B: the full step raises f by 24·sᵀ∇ and the half step lowers it by 1.24e-4·sᵀ∇, above the 0.5e-4·sᵀ∇ needed at
  //    t = ½ (a rule asking 1e-4·sᵀ∇/t there would halve again).
  // Measured |fit − reference| / max(1, |reference|) over the iterations: at most 1.3e-15 (A) and 4.0e-14 (B, whose
  // |θ| reaches 27, at the halved step); bounds ≈ 8× and 10×.
  it.each([
    { name: 'A', l2: 0.0043285, k: 6, full: [-1e-4, 0], half: [-Infinity, -0.5e-4], tol: 1e-14 },
    { name: 'B', l2: 0.0003036474, k: 8, full: [0, Infinity], half: [-2e-4, -0.5e-4], tol: 4e-13 },
  ])('case $name (l2 = $l2): iteration $k takes t = ½, and every iterate matches the reference', (c) => {
    const reference = dampedNewton(c.l2, c.k + 2);
    expect(reference.map((r) => r.t)).toEqual(reference.map((_, m) => (m === c.k - 1 ? 0.5 : 1)));
    // The case is where it should be: f(θ − s) − f(θ) and f(θ − s/2) − f(θ) at iteration k, in units of sᵀ∇.
    const { full, half } = reference[c.k - 1]!;
    expect(full).toBeGreaterThan(c.full[0]!);
    expect(full).toBeLessThan(c.full[1]!);
    expect(half).toBeGreaterThan(c.half[0]!);
    expect(half).toBeLessThan(c.half[1]!);
    reference.forEach(({ theta }, m) => {
      const fit = fitExactLogistic(data, { l2: c.l2, maxIterations: m + 1 });
      expect(fit.iterations).toBe(m + 1);
      expectArraysClose([fit.intercept, ...fit.coefficients], theta, c.tol, `iteration ${m + 1}`);
    });
  });

  // Until ‖∇‖ <= 1e-8; the polishing steps after it move f by a few ulps either way.
  it.each([0.0043285, 0.0003036474])(
    'the objective decreases at every iteration until convergence (l2 = %f)',
    (l2) => {
      let previous = objective([0, 0, 0], l2).f;
      let converged = false;
      for (let m = 1; !converged; m++) {
        expect(m).toBeLessThan(20);
        const fit = fitExactLogistic(data, { l2, maxIterations: m });
        const f = objective([fit.intercept, ...fit.coefficients], l2).f;
        expect(f, `iteration ${m}`).toBeLessThan(previous);
        previous = f;
        converged = fit.converged;
      }
    },
  );
});
