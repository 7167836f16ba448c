/** `randomUnitDirections` and `basisDirections`: the two sets of directions of a layer's activation space. */
import type { Rng } from '@openbox/runtime';

/**
 * `count` directions drawn uniformly on the unit sphere of R^dim: dim N(0, 1) draws each (`rng.normal()`, in order),
 * divided by their Euclidean norm (Muller 1959). Szegedy et al. 2013 (§3) compare such directions with single units.
 * @example randomUnitDirections(ctx.rng.fork('random-directions'), 32, 32) // 32 vectors of norm 1
 */
export function randomUnitDirections(rng: Rng, count: number, dim: number): Float64Array[] {
  return Array.from({ length: count }, () => {
    const v = Float64Array.from({ length: dim }, () => rng.normal());
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

/** The dim standard basis vectors e_0 … e_{dim−1}: one per channel (unit). */
export function basisDirections(dim: number): Float64Array[] {
  return Array.from({ length: dim }, (_, c) => {
    const e = new Float64Array(dim);
    e[c] = 1;
    return e;
  });
}
