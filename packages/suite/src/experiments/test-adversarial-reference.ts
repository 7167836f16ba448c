/** Test helper, not built: float64 checks of the adversarial experiment's measurements, computed without tfjs. */
import type { LrTemplates } from './lr-templates.js';

const PIXELS = 784;

/** Median and quartiles by sorting (type 7), a value ≥ cap counted as cap: the experiment's summary, redone. */
export function quartiles64(
  values: ArrayLike<number>,
  cap: number,
): { q1: number; median: number; q3: number } {
  const s = Array.from(values, (v) => Math.min(v, cap)).sort((a, b) => a - b);
  const at = (p: number) => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
  };
  return { q1: at(0.25), median: at(0.5), q3: at(0.75) };
}

/** LR scores of one image in float64. */
export function lrScores64(lr: LrTemplates, x: ArrayLike<number>): number[] {
  return lr.intercepts.map((b, k) => {
    let s = b;
    for (let j = 0; j < PIXELS; j++) s += lr.weights[k * PIXELS + j]! * x[j]!;
    return s;
  });
}

/**
 * The LR's minimal radius ignoring the box: min over j ≠ y of (z_y − z_j)/‖w_y − w_j‖_dual (dual of L∞ is L1, of L2
 * is L2). The box only removes perturbations, so the true minimal radius — and PGD's upper bracket — is never below it.
 */
export function lrUnboxedRadius64(
  lr: LrTemplates,
  x: ArrayLike<number>,
  y: number,
  norm: 'linf' | 'l2',
): number {
  const z = lrScores64(lr, x);
  let best = Infinity;
  for (let j = 0; j < z.length; j++) {
    if (j === y) continue;
    let dual = 0;
    for (let p = 0; p < PIXELS; p++) {
      const d = lr.weights[y * PIXELS + p]! - lr.weights[j * PIXELS + p]!;
      dual += norm === 'linf' ? Math.abs(d) : d * d;
    }
    best = Math.min(best, (z[y]! - z[j]!) / (norm === 'linf' ? dual : Math.sqrt(dual)));
  }
  return best;
}

/** Nearest L2 and L∞ distance from `x` (label y) to a reference digit of another class, by plain loops. */
export function nearestOther64(
  x: ArrayLike<number>,
  y: number,
  ref: ArrayLike<number>,
  refLabels: ArrayLike<number>,
) {
  let l2 = Infinity;
  let linf = Infinity;
  for (let k = 0; k < refLabels.length; k++) {
    if (refLabels[k] === y) continue;
    let sq = 0;
    let max = 0;
    for (let j = 0; j < PIXELS; j++) {
      const d = Math.abs(x[j]! - ref[k * PIXELS + j]!);
      sq += d * d;
      max = Math.max(max, d);
    }
    l2 = Math.min(l2, Math.sqrt(sq));
    linf = Math.min(linf, max);
  }
  return { l2, linf };
}

/** L∞ and L2 size of `adv − x`, and whether every pixel of `adv` is in [0, 1]. */
export function perturbationSize64(adv: ArrayLike<number>, x: ArrayLike<number>) {
  let sq = 0;
  let max = 0;
  let inBox = true;
  for (let j = 0; j < PIXELS; j++) {
    const d = Math.abs(adv[j]! - x[j]!);
    sq += d * d;
    max = Math.max(max, d);
    if (!(adv[j]! >= 0 && adv[j]! <= 1)) inBox = false;
  }
  return { linf: max, l2: Math.sqrt(sq), inBox };
}

export const argmax64 = (z: ArrayLike<number>): number => {
  let best = 0;
  for (let k = 1; k < z.length; k++) if (z[k]! > z[best]!) best = k;
  return best;
};
