/** The check that a float64 design survives the tfjs net's float32: no overflow, no underflow, finite sums. */
import { IllPosedError, MESSAGES } from '../messages.js';
import type { Design } from './types.js';

/** The largest finite float32, (2 − 2⁻²³)·2¹²⁷. */
export const FLOAT32_MAX = 3.4028234663852886e38;
/** The smallest positive normal float32, 2⁻¹²⁶; below it float32 keeps fewer digits and some backends flush to 0. */
export const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

/**
 * Throw {@link IllPosedError} (kind `float32-range`, naming `fn`, the row, the column and the value) when the tfjs net
 * could not see `design` as it is in float64: 1. a value with |x| > {@link FLOAT32_MAX} (it would become ±∞);
 * 2. a nonzero value with |x| < {@link FLOAT32_MIN_NORMAL} (rounded to a denormal or flushed to 0); 3. columns so
 * large that the summed cross-entropy at the net's initial weights can overflow: n·√(6/(d+1))·Σ_j max_i|x_ij| >
 * FLOAT32_MAX, with √(6/(d+1)) the Glorot-uniform limit of a Dense(1) kernel (the bound on |logit| per row; the
 * loss is summed over rows before it is divided by n). NaN/∞ are `toDesign`'s to reject (it runs first).
 * Features loaded by @openbox/datasets are float32 already, so 1 and 2 concern float64 arrays from library users.
 * @example checkFloat32Range('fitNetLogistic', toDesign('fitNetLogistic', { features: [1e-40], shape: [1, 1] }, false)) // throws
 */
export function checkFloat32Range(fn: string, { n, d, x, names }: Design): void {
  const max = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j]!;
      const a = Math.abs(v);
      if (a > FLOAT32_MAX)
        throw new IllPosedError(MESSAGES.float32Overflow(fn, i, names[j]!, v), 'float32-range', [names[j]!]);
      if (a > 0 && a < FLOAT32_MIN_NORMAL)
        throw new IllPosedError(MESSAGES.float32Underflow(fn, i, names[j]!, v), 'float32-range', [names[j]!]);
      if (a > max[j]!) max[j] = a;
    }
  let sum = 0;
  let widest = 0;
  for (let j = 0; j < d; j++) {
    sum += max[j]!;
    if (max[j]! > max[widest]!) widest = j;
  }
  const bound = n * Math.sqrt(6 / (d + 1)) * sum;
  if (bound > FLOAT32_MAX)
    throw new IllPosedError(
      MESSAGES.float32SumOverflow(fn, names[widest]!, max[widest]!, bound),
      'float32-range',
      [names[widest]!],
    );
}
