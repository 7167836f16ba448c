/**
 * KernelSHAP (Lundberg & Lee 2017, "A Unified Approach to Interpreting Model Predictions"), with paired sampling,
 * the efficiency constraint imposed exactly and a standard error per value (Covert & Lee 2021, "Improving
 * KernelSHAP").
 *
 * Coalitions z ∈ {0,1}^d are drawn from the Shapley kernel: a size s ∈ 1..d−1 with π(s) ∝ (d − 1) / (s (d − s)),
 * then a uniform mask of that size; v(z) = E_b f(x_z, b_¬z) over the background (interventional, as SHAP's
 * `KernelExplainer`), each distinct coalition evaluated once. With A = mean z zᵀ and b = mean z (v(z) − v(∅)),
 * φ solves min φᵀAφ − 2bᵀφ subject to
 * Σφ = v(1) − v(∅) = f(x) − E_b[f], i.e. φ = A⁻¹(b − 1 (1ᵀA⁻¹b − Δ) / (1ᵀA⁻¹1)). When the budget covers every
 * coalition (`samples ≥ 2^d − 2`) each is taken once with its exact kernel weight and φ is the exact Shapley value.
 *
 * Standard errors: φ = C b + c Δ with C = A⁻¹ − A⁻¹11ᵀA⁻¹ / (1ᵀA⁻¹1). Holding A fixed in C, as Covert & Lee do,
 * Cov(φ) ≈ C S Cᵀ / n, where S is the empirical covariance (n − 1) of the n independent units' contributions
 * (a pair z, 1 − z averaged as one unit). The contributions are taken about the fit, z (v(z) − v(∅) − zᵀφ), not
 * z (v(z) − v(∅)): that is the first-order (delta-method) error of this estimator, which also carries the noise of
 * the sampled A; the two differ by a term C·(z zᵀ − A)φ. So an exactly additive f, which every sample fits exactly,
 * gets standard errors 0. Enumeration gives 0.
 *
 * Deliberate differences from SHAP's `KernelExplainer`: coalitions are i.i.d. draws (SHAP first enumerates whole
 * sizes that fit the budget and merges duplicates); the constraint goes through the KKT system rather than
 * eliminating the last feature; no L1 feature selection; SHAP reports no standard errors.
 */
import { createRng } from '@openbox/runtime';
import type { ExplainedFunction } from '../core/explained-output.js';
import type { Explanation, ExplainOptions, LocalExplainer } from '../core/explanation.js';
import { rowOf, toMatrix, type Matrix } from '../core/matrix.js';
import { MESSAGES } from '../messages.js';
import { solveConstrained } from './kernel/constrained-solve.js';
import {
  distinctMasks,
  enumerateCoalitions,
  sampleCoalitions,
  type KernelCoalitions,
} from './kernel/kernel-coalitions.js';
import { kernelMoments, kernelStandardErrors } from './kernel/kernel-estimates.js';
import { maskedValues } from './kernel/masked-values.js';
import { explanationOf } from '../core/explanation-of.js';

/** KernelSHAP's own options. */
export interface KernelShapOptions {
  /**
   * Coalitions drawn per row (a repeated draw is evaluated once); default `2 · d + 2048` (SHAP's
   * `nsamples="auto"`). From 2^d − 2 on, every coalition is enumerated instead.
   */
  readonly samples?: number;
  /** Evaluate each sampled z with its complement 1 − z (the two count as 2 samples); default true. */
  readonly paired?: boolean;
}

interface Resolved {
  readonly x: Matrix;
  readonly background: Matrix;
  readonly samples: number;
  readonly paired: boolean;
  readonly seed: number;
}

function resolve(f: ExplainedFunction, x: Matrix, options: ExplainOptions & KernelShapOptions): Resolved {
  const fn = 'kernelShap';
  const d = f.features;
  const samples = options.samples ?? 2 * d + 2048;
  if (!Number.isSafeInteger(samples) || samples < 2) throw new Error(MESSAGES.kernelSamples(fn, samples));
  const paired = options.paired ?? true;
  if (typeof paired !== 'boolean') throw new Error(MESSAGES.notBoolean(fn, 'options.paired', paired));
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed))
    throw new Error(MESSAGES.integerRange(fn, 'options.seed', seed, -(2 ** 31), 2 ** 31 - 1));
  return {
    x: toMatrix(fn, 'x', x, d),
    background: toMatrix(fn, 'options.background', options.background, d),
    samples,
    paired,
    seed,
  };
}

/** v(z) for every mask of `c`; a sampled coalition drawn twice is evaluated once. */
function coalitionValues(
  f: ExplainedFunction,
  row: Float64Array,
  background: Matrix,
  c: KernelCoalitions,
  allDistinct: boolean,
): Float64Array {
  if (allDistinct) return maskedValues(f, row, background, c.masks, c.count);
  const distinct = distinctMasks(c);
  const once = maskedValues(f, row, background, distinct.masks, distinct.count);
  return Float64Array.from(distinct.index, (k) => once[k]!);
}

/**
 * KernelSHAP as a {@link LocalExplainer}: name `'kernel'`, stochastic (unless it enumerates), efficient exactly.
 * The rng `createRng(seed)` draws every row's coalitions in turn, row 0 first.
 * @example const e = kernelShap.explain(f, x, { background, samples: 4096, seed: 1 }); e.standardErrors
 */
export const kernelShap: LocalExplainer<KernelShapOptions> = {
  name: 'kernel',
  info: {
    description:
      'KernelSHAP: weighted least squares over coalitions drawn from the Shapley kernel (d−1)/(s(d−s)), paired, with Σφ = f(x) − E[f] exact and Covert & Lee standard errors (Lundberg & Lee 2017; Covert & Lee 2021).',
    needsGradients: false,
    needsAffine: false,
    stochastic: true,
    efficient: true,
    maxFeatures: Infinity,
  },
  explain(f, xIn, options): Explanation {
    // 1. Options, once.
    const { x, background, samples, paired, seed } = resolve(f, xIn, options);
    const d = f.features;
    // 2. v(1) = f(x) for every row, v(∅) = E_b f(b).
    const predictions = f.evaluate(x);
    const fb = f.evaluate(background);
    let baseValue = 0;
    for (let i = 0; i < fb.length; i++) baseValue += fb[i]!;
    baseValue /= fb.length;
    // 3. Coalitions: all of them once, or drawn per row.
    const enumerate = d === 1 || samples >= 2 ** d - 2;
    const all = enumerate && d > 1 ? enumerateCoalitions(d) : undefined;
    const rng = createRng(seed);
    const values = new Float64Array(x.rows * d);
    const errors = new Float64Array(x.rows * d);
    for (let r = 0; r < x.rows; r++) {
      const delta = predictions[r]! - baseValue;
      if (d === 1) {
        values[r] = delta;
        continue;
      }
      const c = all ?? sampleCoalitions(d, paired ? Math.floor(samples / 2) : samples, paired, rng);
      // 4. The coalition values of this row, then the constrained solve.
      const v = coalitionValues(f, rowOf(x, r), background, c, all !== undefined);
      const { a, b } = kernelMoments(c, v, baseValue);
      const solution = solveConstrained(a, b, delta, d);
      if (solution === undefined) throw new Error(MESSAGES.kernelSingular('kernelShap', r, samples));
      values.set(solution.phi, r * d);
      if (all === undefined)
        errors.set(kernelStandardErrors(c, v, baseValue, solution.phi, solution.map), r * d);
    }
    return explanationOf('kernel', f, x, { values, baseValue, predictions, standardErrors: errors });
  },
};
