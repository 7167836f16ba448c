/** Fan-in and fan-out of a weight shape, as Keras's `_compute_fans` computes them for `VarianceScaling`. */

/** The two fans of a weight; `VarianceScaling` divides its `scale` by one of them or by their mean. */
export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/**
 * Keras's fans (channels-last):
 * - `[]` → (1, 1); `[n]` → (n, n);
 * - a dense kernel `[in, out]` → (in, out);
 * - a kernel of rank ≥ 3, e.g. conv `[kh, kw, in, out]` → receptive field r = kh·kw (the product of all but the last
 *   two dimensions): (r·in, r·out). Depthwise kernels `[kh, kw, in, multiplier]` follow the same rule.
 * tfjs-layers 4.22 differs for rank 1 and rank ≥ 6 (it uses √(size) for both fans); OpenBox follows Keras.
 * @example kerasFans([5, 5, 1, 16]) // { fanIn: 25, fanOut: 400 }
 */
export function kerasFans(shape: readonly number[]): Fans {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  if (shape.length === 2) return { fanIn: shape[0]!, fanOut: shape[1]! };
  let receptiveField = 1;
  for (const size of shape.slice(0, -2)) receptiveField *= size;
  return { fanIn: shape.at(-2)! * receptiveField, fanOut: shape.at(-1)! * receptiveField };
}
