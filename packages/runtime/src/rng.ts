/** Seeded pseudo-random numbers (splitmix32): the only source of randomness in OpenBox. */
import { MESSAGES } from './messages.js';

/** A seeded generator. Pass it (or a fork of it) to every stochastic function; never use `Math.random`. */
export interface Rng {
  /** The seed this generator started from. */
  readonly seed: number;
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** Fisher–Yates shuffle in place; returns `items`. */
  shuffle<T>(items: T[]): T[];
  /** An independent generator derived from this one's seed and `label` (does not advance this one). */
  fork(label?: string): Rng;
  /** A non-negative 31-bit integer for tfjs initializers and random ops (advances this generator). */
  tfSeed(): number;
}

function hashLabel(label: string): number {
  let h = 2166136261;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
  return h >>> 0;
}

function mixSeed(seed: number): number {
  // Fold the seed's integer and fractional parts into 32 bits.
  const whole = Math.floor(seed);
  return (
    (Math.imul(whole | 0, 0x9e3779b1) ^
      Math.floor((seed - whole) * 4294967296) ^
      Math.floor(whole / 4294967296)) >>>
    0
  );
}

/**
 * Create a seeded generator (splitmix32: a Weyl sequence through a 32-bit avalanche mixer).
 * Same seed, same sequence, on every machine.
 * @example const rng = createRng(42); const u = rng.next(); const child = rng.fork('init');
 */
export function createRng(seed: number): Rng {
  if (typeof seed !== 'number' || !Number.isFinite(seed))
    throw new Error(MESSAGES.badSeed('createRng', seed));
  let state = mixSeed(seed);
  let spareNormal: number | undefined;
  const nextUint = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  const rng: Rng = {
    seed,
    next: () => nextUint() / 4294967296,
    normal() {
      if (spareNormal !== undefined) {
        const value = spareNormal;
        spareNormal = undefined;
        return value;
      }
      let u = 0;
      while (u === 0) u = rng.next();
      const v = rng.next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    int(maxExclusive) {
      if (!Number.isInteger(maxExclusive) || maxExclusive <= 0)
        throw new Error(MESSAGES.badIntBound(maxExclusive));
      return Math.floor(rng.next() * maxExclusive);
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const tmp = items[i] as (typeof items)[number];
        items[i] = items[j] as (typeof items)[number];
        items[j] = tmp;
      }
      return items;
    },
    fork: (label = '') => createRng((mixSeed(seed) ^ hashLabel(label)) >>> 0),
    tfSeed: () => nextUint() >>> 1,
  };
  return rng;
}
