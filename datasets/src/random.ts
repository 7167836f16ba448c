/** A tiny seeded PRNG (mulberry32) with Box–Muller normals, so this package needs no runtime dependency. */

/** A seeded source of randomness; the same seed always yields the same sequence. */
export interface Random {
  /** Uniform float in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1) by Box–Muller. */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/**
 * mulberry32 (Tommy Ettinger): a 32-bit state, period 2^32, good enough for data generation and shuffles.
 * @example const r = createRandom(0); r.uniform(); r.normal(); r.int(10);
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  let spare: number | undefined;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u1 = 1 - uniform(); // (0, 1]: log is finite
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
  const int = (n: number): number => Math.floor(uniform() * n);
  return { uniform, normal, int };
}

/** Fisher–Yates shuffle of `items` in place with `random`; returns the same array. */
export function shuffleInPlace<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}
