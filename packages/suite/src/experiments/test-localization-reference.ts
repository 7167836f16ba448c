/** Test helper, not built: float64 pointing game and mask AUC (by counting pairs), written from their definitions. */

/** Hit when the largest score on the mask is strictly above every score off it. */
export function pointingHit64(scores: ArrayLike<number>, mask: ArrayLike<number>): boolean {
  let [inMax, outMax] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (let i = 0; i < scores.length; i++) {
    const s = Math.abs(scores[i]!);
    if (mask[i]) inMax = Math.max(inMax, s);
    else outMax = Math.max(outMax, s);
  }
  return inMax > outMax;
}

/** P(s_in > s_out) + ½ P(s_in = s_out) over every (mask, non-mask) pixel pair of |scores|. */
export function maskAuc64(scores: ArrayLike<number>, mask: ArrayLike<number>): number {
  const inside: number[] = [];
  const outside: number[] = [];
  for (let i = 0; i < scores.length; i++) (mask[i] ? inside : outside).push(Math.abs(scores[i]!));
  let wins = 0;
  for (const a of inside) for (const b of outside) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (inside.length * outside.length);
}
