/**
 * The coalitions KernelSHAP evaluates: drawn from the Shapley kernel (Lundberg & Lee 2017), sizes s = 1..d−1 with
 * probability π(s) ∝ (d − 1) / (s (d − s)) and then a uniform mask of that size; or every non-trivial coalition
 * with its exact kernel weight π(s) / C(d, s) when the budget covers them all.
 */
import type { Rng } from '@openbox/runtime';

/** Masks `count × d` (1 = the feature comes from x), a weight per mask, and the sampling units for the errors. */
export interface KernelCoalitions {
  readonly d: number;
  /** `masks[k * d + j]` is 1 when feature j is in coalition k. */
  readonly masks: Uint8Array;
  readonly count: number;
  /** Weight of each mask in A = Σ w z zᵀ / Σ w and b = Σ w z (v(z) − v(∅)) / Σ w. */
  readonly weights: Float64Array;
  /** Masks per independent sampling unit (2 when paired: z and 1 − z; 1 unpaired); 0 when enumerated. */
  readonly unit: number;
}

/** π(s) for s = 0..d (π(0) = π(d) = 0), normalized to sum 1. */
export function shapleyKernelSizes(d: number): Float64Array {
  const pi = new Float64Array(d + 1);
  let total = 0;
  for (let s = 1; s < d; s++) total += pi[s] = (d - 1) / (s * (d - s));
  for (let s = 1; s < d; s++) pi[s]! /= total;
  return pi;
}

/** Every coalition 1..2^d − 2 (bit j of k = feature j), weighted π(s) / C(d, s). */
export function enumerateCoalitions(d: number): KernelCoalitions {
  const pi = shapleyKernelSizes(d);
  const choose = new Float64Array(d + 1);
  choose[0] = 1;
  for (let s = 1; s <= d; s++) choose[s] = (choose[s - 1]! * (d - s + 1)) / s;
  const count = 2 ** d - 2;
  const masks = new Uint8Array(count * d);
  const weights = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const bits = k + 1;
    let s = 0;
    for (let j = 0; j < d; j++) if ((bits >> j) & 1) ((masks[k * d + j] = 1), s++);
    weights[k] = pi[s]! / choose[s]!;
  }
  return { d, masks, count, weights, unit: 0 };
}

/**
 * `units` i.i.d. draws from the Shapley kernel; when `paired`, each draw z is followed by its complement 1 − z
 * (antithetic sampling, Covert & Lee 2021), so there are `2 · units` masks. Weights are all 1.
 */
export function sampleCoalitions(d: number, units: number, paired: boolean, rng: Rng): KernelCoalitions {
  const pi = shapleyKernelSizes(d);
  const cumulative = new Float64Array(d);
  for (let s = 1; s < d; s++) cumulative[s] = cumulative[s - 1]! + pi[s]!;
  const unit = paired ? 2 : 1;
  const count = units * unit;
  const masks = new Uint8Array(count * d);
  const order = Int32Array.from({ length: d }, (_, j) => j);
  for (let u = 0; u < units; u++) {
    const r = rng.next();
    let s = 1;
    while (s < d - 1 && r >= cumulative[s]!) s++;
    // A partial Fisher–Yates shuffle: its first s entries are a uniform s-subset.
    for (let i = 0; i < s; i++) {
      const j = i + rng.int(d - i);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    const k = u * unit;
    for (let i = 0; i < s; i++) masks[k * d + order[i]!] = 1;
    if (paired) for (let j = 0; j < d; j++) masks[(k + 1) * d + j] = 1 - masks[k * d + j]!;
  }
  return { d, masks, count, weights: new Float64Array(count).fill(1), unit };
}

/**
 * The distinct masks of `c` (first occurrence order) and, per mask of `c`, its index among them: a draw that
 * repeats a coalition is evaluated once (sizes 1 and d − 1 hold a third of the kernel's mass in 2d coalitions).
 */
export function distinctMasks(c: KernelCoalitions): { masks: Uint8Array; count: number; index: Int32Array } {
  const d = c.d;
  const seen = new Map<string, number>();
  const index = new Int32Array(c.count);
  const masks = new Uint8Array(c.count * d);
  for (let k = 0; k < c.count; k++) {
    const z = c.masks.subarray(k * d, (k + 1) * d);
    const key = String.fromCharCode(...z);
    let at = seen.get(key);
    if (at === undefined) {
      at = seen.size;
      seen.set(key, at);
      masks.set(z, at * d);
    }
    index[k] = at;
  }
  return { masks: masks.subarray(0, seen.size * d), count: seen.size, index };
}
