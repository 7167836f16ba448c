/** `makeXorData`: two uniform features whose class is the XOR of their signs, which no linear model can fit. */
import { createRandom } from '../random.js';
import type { Dataset } from '../types.js';
import { checkInteger, checkRange } from './check-args.js';

const FN = 'makeXorData';

/** Options of `makeXorData`. */
export interface XorDataOptions {
  /** Rows, ≥ 1. */
  n: number;
  /** Integer seed; same seed, same data. */
  seed: number;
  /** Probability that a label is flipped, in [0, 0.5). Default 0 (the rule holds exactly). */
  noise?: number;
}

/**
 * x1, x2 ~ U(−1, 1); class 1 when the signs differ (x1·x2 < 0), class 0 when they agree, then each label is
 * flipped with probability `noise`. The product x1·x2 separates the classes exactly, but no linear rule does:
 * the logistic (maximum-likelihood) fit is at chance (≈ 50%) and the best half-plane reaches only ≈ 2/3 by
 * cutting off one corner.
 * @example const ds = makeXorData({ n: 400, seed: 0 }); ds.featureNames // ['x1', 'x2']
 */
export function makeXorData(options: XorDataOptions): Dataset {
  const n = checkInteger(FN, 'options.n', options.n, 1);
  const seed = checkInteger(FN, 'options.seed', options.seed, Number.MIN_SAFE_INTEGER);
  const noise = checkRange(FN, 'options.noise', options.noise ?? 0, 0, 0.5);
  const random = createRandom(seed);
  const features = new Float32Array(n * 2);
  const target = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x1 = Math.fround(random.uniform() * 2 - 1);
    const x2 = Math.fround(random.uniform() * 2 - 1);
    features[2 * i] = x1;
    features[2 * i + 1] = x2;
    const label = x1 * x2 < 0 ? 1 : 0;
    target[i] = random.uniform() < noise ? 1 - label : label;
  }
  return {
    name: 'xor',
    features,
    shape: [n, 2],
    featureNames: ['x1', 'x2'],
    target,
    classNames: ['same-sign', 'opposite-sign'],
    targetName: 'xor',
    description:
      `Synthetic XOR (seed ${seed}): x1, x2 ~ U(−1, 1), class "opposite-sign" iff x1·x2 < 0, labels flipped ` +
      `with probability ${noise}. Only the interaction x1·x2 explains the class; no linear model fits it.`,
    source: `@openbox/datasets makeXorData (mulberry32 seed ${seed})`,
    license: 'MIT (generated)',
    missing: { rowsInSource: n, rowsDropped: 0, policy: 'generated; no missing values' },
  };
}
