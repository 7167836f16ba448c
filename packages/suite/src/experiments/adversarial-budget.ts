/** The attack budgets of the adversarial experiment (quick and full), and the median with quartiles it reports. */

/** How much the experiment measures. */
export interface AdversarialBudget {
  /** Test digits both models classify correctly (the same digits for both). */
  readonly digits: number;
  /** Largest radius tried by PGD, per norm: a digit not flipped there is censored (reported as `≥ cap`). */
  readonly cap: { readonly linf: number; readonly l2: number };
  /** Halvings of [0, cap]: the radius is bracketed to cap / 2^bisections. */
  readonly bisections: number;
  /** PGD steps per restart, each of stepFraction·ε. */
  readonly steps: number;
  readonly stepFraction: number;
  /** Restarts per ε (the first from the clean digit). */
  readonly restarts: number;
  /** Random perturbations per digit at the CNN's median adversarial radius. */
  readonly draws: number;
}

/**
 * Quick: 16 digits; caps 0.5 (L∞) and 8 (L2), above every minimal radius measured on the reference CNN and LR (≤ 0.17
 * and ≤ 2.2 on the first 20 and 100 test digits); 6 halvings (brackets 0.0078 and 0.125); 8 steps of ε/4, 1 restart.
 */
export const QUICK_BUDGET: AdversarialBudget = {
  digits: 16,
  cap: { linf: 0.5, l2: 8 },
  bisections: 6,
  steps: 8,
  stepFraction: 0.25,
  restarts: 1,
  draws: 10,
};

/**
 * Full: 40 digits, 8 halvings (brackets 0.002 and 0.031), 10 steps of ε/4, 1 restart — about 110 s on 2 shared cores
 * (PGD's cost is digits × (halvings + 1) × (steps + 1) forward-backward passes, for 2 norms × 5 models).
 */
export const FULL_BUDGET: AdversarialBudget = {
  digits: 40,
  cap: { linf: 0.5, l2: 8 },
  bisections: 8,
  steps: 10,
  stepFraction: 0.25,
  restarts: 1,
  draws: 20,
};

/** Median and quartiles (R's type 7), a censored radius (Infinity) counted as `cap`; `censored` says how many. */
export function quartiles(values: ArrayLike<number>, cap: number) {
  const sorted = Float64Array.from(values, (v) => Math.min(v, cap)).sort();
  const at = (p: number) => {
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  };
  const censored = Array.from(values).filter((v) => !(v < cap)).length;
  return { q1: at(0.25), median: at(0.5), q3: at(0.75), censored };
}
