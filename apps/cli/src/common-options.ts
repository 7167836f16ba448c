/** Option specs shared by several commands, so their bounds are stated once. */
import type { IntegerSpec } from './args.js';

/** Largest seed: seeds are 31-bit so every run id and PRNG accepts them. */
export const SEED_MAX = 2 ** 31 - 1;

/** `--seed N`: an integer from 0 to 2^31 − 1, default 0. */
export const SEED_OPTION = {
  kind: 'integer',
  min: 0,
  max: SEED_MAX,
  default: 0,
  help: 'seed of every random draw',
} as const satisfies IntegerSpec;
