import { describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { createRng } from './rng.js';

const MASK_32 = 0xffffffffn;

/**
 * The seed mix rng.ts documents, in exact integer arithmetic: with w = ⌊seed⌋ and f = seed − w,
 * (w · 0x9e3779b1) XOR ⌊f · 2³²⌋ XOR ⌊w / 2³²⌋, mod 2³². (f and f · 2³² are exact in float64.)
 */
function referenceMix(seed: number): bigint {
  const whole = Math.floor(seed);
  const w = BigInt(whole);
  const f = BigInt(Math.floor((seed - whole) * 2 ** 32));
  return ((w * 0x9e3779b1n) ^ f ^ (w >> 32n)) & MASK_32;
}

/** The first `count` 32-bit outputs of splitmix32 from `state`, in exact integer arithmetic. */
function referenceOutputs(state: bigint, count: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    state = (state + 0x9e3779b9n) & MASK_32;
    let z = state;
    z = ((z ^ (z >> 16n)) * 0x21f0aaadn) & MASK_32;
    z = ((z ^ (z >> 15n)) * 0x735a2d97n) & MASK_32;
    out.push(Number(z ^ (z >> 15n)));
  }
  return out;
}

/** FNV-1a of the empty string: the 32-bit offset basis. */
const FNV_EMPTY = 2166136261n;

describe('createRng: exact streams', () => {
  it.each([
    { seed: 42, why: 'an integer (the Python values of rng.test.ts)' },
    { seed: 0.5, why: 'only a fraction (2³¹ in the low word)' },
    { seed: 1e6 + 1 / 3, why: 'a large whole part and a fraction with 32 significant bits' },
    { seed: 2 ** 32 + 5, why: 'bits above 2³² (a seed ≡ 5 mod 2³² must not collide with 5)' },
    { seed: -3.75, why: 'negative with a fraction (⌊−3.75⌋ = −4, f = 0.25)' },
  ])('seed $seed, $why: the first outputs are those of the exact mix + splitmix32', ({ seed }) => {
    const rng = createRng(seed);
    const actual = [rng.next(), rng.next(), rng.next()].map((u) => u * 2 ** 32);
    expect(actual).toEqual(referenceOutputs(referenceMix(seed), 3));
  });

  it('gives different streams for seeds that differ only in the fraction or only above 2³²', () => {
    const first = (seed: number) => createRng(seed).next();
    expect(first(0.5)).not.toBe(first(0));
    expect(first(2 ** 32)).not.toBe(first(0));
    expect(first(2 ** 32 + 5)).not.toBe(first(5));
  });

  it('fork() without a label is the fork labelled with the empty string', () => {
    const forked = createRng(21).fork();
    const expected = referenceOutputs(referenceMix(Number(referenceMix(21) ^ FNV_EMPTY)), 2);
    expect([forked.next(), forked.next()].map((u) => u * 2 ** 32)).toEqual(expected);
  });

  it('normal() returns both Box–Muller values of one uniform pair (u, v): √(−2 ln u)·cos 2πv, then ·sin 2πv', () => {
    const rng = createRng(9);
    const uniforms = createRng(9);
    const actual: number[] = [];
    const expected: number[] = [];
    for (let pair = 0; pair < 4; pair++) {
      const u = uniforms.next(); // never 0 for this seed (rng.ts redraws a 0)
      const v = uniforms.next();
      const radius = Math.sqrt(-2 * Math.log(u));
      expected.push(radius * Math.cos(2 * Math.PI * v), radius * Math.sin(2 * Math.PI * v));
      actual.push(rng.normal(), rng.normal());
    }
    // Measured: equal, bit for bit (the same operations). 1e-12 allows another order of them; drawing a fresh pair
    // for the second value changes it by O(1).
    expectArraysClose(actual, expected, 1e-12, 'Box–Muller pairs');
  });

  it('shuffle is Fisher–Yates from the top, j = int(i + 1) for i = n − 1 … 1: n − 1 draws, no more', () => {
    const items = Array.from({ length: 12 }, (_, i) => i);
    const rng = createRng(13);
    const draws = createRng(13);
    const shuffled = rng.shuffle([...items]);
    const expected = [...items];
    for (let i = expected.length - 1; i > 0; i--) {
      const j = Math.floor(draws.next() * (i + 1));
      [expected[i], expected[j]] = [expected[j] as number, expected[i] as number];
    }
    expect(shuffled).toEqual(expected);
    // The generator is where n − 1 draws leave it: a 12th draw (for i = 0) would shift every later value.
    expect(rng.next()).toBe(draws.next());
  });
});
