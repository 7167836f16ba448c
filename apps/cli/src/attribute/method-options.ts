/**
 * `methodOptions`: the CLI's method flags mapped, generically, onto the option names every attribution method of
 * `@openbox/attribution` uses. Only the flags given are passed, so each method keeps its own defaults.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { BaselineKind, QuadratureRule } from '@openbox/attribution';

/** The method flags of `openbox attribute`, as parsed (absent = not given). */
export interface MethodFlags {
  readonly abs: boolean;
  readonly steps: number | undefined;
  readonly igMethod: QuadratureRule | undefined;
  readonly layer: string | undefined;
  readonly window: number | undefined;
  readonly stride: number | undefined;
  readonly samples: number | undefined;
  readonly noiseSd: number | undefined;
  readonly seed: number;
}

/** Flag → method option name, for the flags that carry over unchanged. */
const SAME_NAME = ['steps', 'layer', 'window', 'stride', 'samples', 'noiseSd'] as const;

/**
 * The method options for `flags`: `--abs` → `abs: true`, `--ig-method` → `rule`, `--noise-sd` → `noiseSd`,
 * `--baseline` → `baselines` (a named kind or the tensor read from a file), `--seed` → `seed` (always: every method's
 * default seed is 0 too, so it changes nothing for deterministic ones).
 * @example methodOptions({ abs: true, steps: 32, seed: 0, ... }, undefined) // { abs: true, steps: 32, seed: 0 }
 */
export function methodOptions(
  flags: MethodFlags,
  baselines: BaselineKind | tf.Tensor | undefined,
): Record<string, unknown> {
  const options: Record<string, unknown> = { seed: flags.seed };
  if (flags.abs) options['abs'] = true;
  if (flags.igMethod !== undefined) options['rule'] = flags.igMethod;
  if (baselines !== undefined) options['baselines'] = baselines;
  for (const name of SAME_NAME) if (flags[name] !== undefined) options[name] = flags[name];
  return options;
}
