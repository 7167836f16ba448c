/** How far LR's and the MLP's explanations of one row agree: Pearson's r of the two vectors and the sign flips. */
import { pearson as pearsonOr0 } from '@openbox/cnn-vis';

/** The agreement line of the page. */
export interface TabularAgreement {
  /** Pearson's r of the two value vectors over the features; `null` when either is constant (or d < 2). */
  readonly pearson: number | null;
  /** Features whose two values have opposite signs (φ_LR · φ_MLP < 0), in feature order. */
  readonly signDisagreements: readonly string[];
  /** One sentence, e.g. "Pearson r = 0.93; the signs agree on all 4 features." */
  readonly summary: string;
}

const constant = (v: ArrayLike<number>): boolean => Array.prototype.every.call(v, (x: number) => x === v[0]);

/**
 * r = Σ(a − ā)(b − b̄) / √(Σ(a − ā)² Σ(b − b̄)²) (cnn-vis's `pearson`, in float64), clamped to [−1, 1] (rounding
 * can pass ±1 by an ulp); `null` when a variance is 0 or there is one value (r is undefined there).
 * @example pearson([1, 2, 3], [2, 4, 7]) // 0.993
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  if (a.length < 2 || constant(a) || constant(b)) return null;
  return Math.max(-1, Math.min(1, pearsonOr0(a, b)));
}

/**
 * Pearson's r of `lr` and `mlp` (one value per feature) and the features where their signs differ; a 0 disagrees
 * with nothing. With two features r is ±1 whatever the values (two points lie on a line): the summary says so.
 * @example agreement(['a', 'b'], [1, -1], [2, 0.5]).signDisagreements // ['b']
 */
export function agreement(
  features: readonly string[],
  lr: ArrayLike<number>,
  mlp: ArrayLike<number>,
): TabularAgreement {
  const r = pearson(lr, mlp);
  const signDisagreements = features.filter((_, j) => lr[j]! * mlp[j]! < 0);
  const head =
    r === null
      ? 'Pearson r undefined (a constant vector)'
      : `Pearson r = ${r.toFixed(2)}${features.length === 2 ? ' (always ±1 with 2 features)' : ''}`;
  const tail =
    signDisagreements.length === 0
      ? `the signs agree on all ${features.length} features`
      : `the signs differ on ${signDisagreements.join(', ')}`;
  return { pearson: r, signDisagreements, summary: `${head}; ${tail}.` };
}
