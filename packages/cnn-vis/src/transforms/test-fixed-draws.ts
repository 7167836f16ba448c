/** A test random source with scripted draws, so a random transform's output can be computed by hand. Not part of the build. */
import type { RandomSource } from '../param/parameterization.js';

/** `next()` returns `draws` in order and throws once they run out; `used()` says how many were taken. */
export function fixedDraws(draws: readonly number[]): RandomSource & { used(): number } {
  let i = 0;
  const source = {
    next: () => {
      if (i >= draws.length)
        throw new Error(`fixedDraws: draw ${i + 1} asked for, only ${draws.length} scripted`);
      return draws[i++]!;
    },
    normal: () => {
      throw new Error('fixedDraws: normal() is not scripted');
    },
    fork: () => source,
    used: () => i,
  };
  return source;
}
