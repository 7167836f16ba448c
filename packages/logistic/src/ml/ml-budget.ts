/** ml-logistic-regression's own defaults, and the work budget that picks this package's default number of steps. */

/** ml-logistic-regression's own defaults (its constructor): 50,000 fixed steps of 5e-4. */
export const ML_DEFAULTS = { numSteps: 50_000, learningRate: 5e-4 } as const;

/**
 * The work budget of a default (no `numSteps` given) ml-logistic-regression fit, in row·column·steps per
 * classifier: default steps = clamp(⌊ML_WORK_BUDGET / (classifiers · n · (d + 1 + ML_ROW_OVERHEAD))⌋, ML_MIN_STEPS,
 * 50,000). Measured on the 2-core CI machine (Node 20, ml-logistic-regression 2.0.0 / ml-matrix 6.15.1): one step of
 * one classifier costs ≈ c·n·(d + 1 + R) with c ≈ 40–50 ns and a per-row overhead R ≈ 30–40 columns (ml-matrix
 * allocates a row array per row for the scores, the predictions and the error signal every step). Rows cost more as
 * n grows (GC): 265 ns/row at n = 200, ~1,000–1,350 at 20,000, ~2,200 at 100,000 (d = 1 and d = 20 alike). With the
 * worst case c = 50 ns, R = 40, 4e7 units ≈ 2 s; e.g. 20,000 × 4 binary (2 classifiers) gets 22 steps (~1.2 s
 * measured) where its 50,000 default steps would take ~30 min.
 */
export const ML_WORK_BUDGET = 4e7;
/** The per-row overhead of one ml-logistic-regression step, in columns (see {@link ML_WORK_BUDGET}). */
export const ML_ROW_OVERHEAD = 40;
/**
 * The fewest default steps: on data too large for the budget (n·(d + 41)·classifiers > 4e6, e.g. 50,000+ rows)
 * this many run anyway, so the default time grows linearly in n from there.
 */
export const ML_MIN_STEPS = 10;
/** The most steps an explicit `numSteps` may ask for (each one costs a full pass over the data per classifier). */
export const ML_MAX_STEPS = 1_000_000;

/**
 * The default number of steps for `classifiers` one-vs-all classifiers (ml-logistic-regression trains one per
 * distinct label: 2 for a binary target) on `n` rows and `d` feature columns (see {@link ML_WORK_BUDGET}).
 * @example mlDefaultSteps(20_000, 4, 2) // 22
 * @example mlDefaultSteps(392, 6, 2) // 1085
 */
export function mlDefaultSteps(n: number, d: number, classifiers: number): number {
  const affordable = Math.floor(ML_WORK_BUDGET / (Math.max(classifiers, 1) * n * (d + 1 + ML_ROW_OVERHEAD)));
  return Math.min(ML_DEFAULTS.numSteps, Math.max(ML_MIN_STEPS, affordable));
}
