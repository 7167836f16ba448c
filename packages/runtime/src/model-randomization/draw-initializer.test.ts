import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { resolveInitializer, type InitializerSpec } from './draw-initializer.js';
import { ModelRandomizationError } from './model-randomization-error.js';

const SITE = { fn: 'reinitializedCopy', layer: 'dense', weight: 'kernel' } as const;
const draw = (spec: InitializerSpec, shape: number[], seed = 1) =>
  resolveInitializer(spec, SITE)(shape, createRng(seed));

/** ∫ f over [a, b] by Simpson's rule with 20,000 intervals (error ≪ 1e-12 for these smooth integrands). */
function simpson(f: (x: number) => number, a: number, b: number): number {
  const m = 20_000;
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let i = 1; i < m; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}
const phi = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
/** N(0, 1) truncated to [−2, 2]: its variance and fourth moment, integrated here (variance ≈ 0.7737). */
const Z2 = simpson(phi, -2, 2);
const TRUNC_VAR = simpson((z) => z * z * phi(z), -2, 2) / Z2;
const TRUNC_M4 = simpson((z) => z ** 4 * phi(z), -2, 2) / Z2;

interface Moments {
  /** Expected mean, variance and fourth central moment of one draw. */
  readonly mean: number;
  readonly variance: number;
  readonly m4: number;
  /** Every draw lies in mean ± bound (float32 rounding allowed: relative 1e-6). */
  readonly bound?: number;
}
const uniform = (a: number, b: number): Moments => ({
  mean: (a + b) / 2,
  variance: (b - a) ** 2 / 12,
  m4: (b - a) ** 4 / 80,
  bound: (b - a) / 2,
});
const normal = (mean: number, sd: number): Moments => ({ mean, variance: sd * sd, m4: 3 * sd ** 4 });
/** N(mean, σ²) truncated at ±2σ. */
const truncated = (mean: number, sigma: number): Moments => ({
  mean,
  variance: TRUNC_VAR * sigma ** 2,
  m4: TRUNC_M4 * sigma ** 4,
  bound: 2 * sigma,
});
/** Keras's truncated VarianceScaling: variance s exactly, σ = √s / 0.87962566. */
const keras = (s: number): Moments => truncated(0, Math.sqrt(s / TRUNC_VAR));
const vs = (scale: number, mode: string, distribution: string): InitializerSpec => ({
  className: 'VarianceScaling',
  config: { scale, mode, distribution, seed: null },
});

// A dense [400, 500] (fans 400, 500: fanAvg 450) and a conv [3, 3, 64, 128] (fans 576, 1152: fanAvg 864).
const DENSE = [400, 500];
const CONV = [3, 3, 64, 128];
const CASES: [string, InitializerSpec, number[], Moments][] = [
  [
    'RandomUniform(−0.3, 0.7)',
    { className: 'RandomUniform', config: { minval: -0.3, maxval: 0.7 } },
    DENSE,
    uniform(-0.3, 0.7),
  ],
  [
    'RandomUniform with the Keras defaults ±0.05',
    { className: 'RandomUniform', config: {} },
    DENSE,
    uniform(-0.05, 0.05),
  ],
  [
    'RandomNormal(0.5, 2)',
    { className: 'RandomNormal', config: { mean: 0.5, stddev: 2 } },
    DENSE,
    normal(0.5, 2),
  ],
  [
    'TruncatedNormal(1, 0.1): within 2σ, variance 0.774σ²',
    { className: 'TruncatedNormal', config: { mean: 1, stddev: 0.1 } },
    DENSE,
    truncated(1, 0.1),
  ],
  [
    'GlorotUniform (dense): limit √(6/(in+out)), variance limit²/3',
    { className: 'GlorotUniform', config: {} },
    DENSE,
    uniform(-Math.sqrt(6 / 900), Math.sqrt(6 / 900)),
  ],
  [
    'GlorotUniform as tfjs serializes it (conv)',
    vs(1, 'fanAvg', 'uniform'),
    CONV,
    uniform(-Math.sqrt(3 / 864), Math.sqrt(3 / 864)),
  ],
  ['GlorotNormal (conv): variance 1/fanAvg', { className: 'GlorotNormal' }, CONV, keras(1 / 864)],
  ['HeNormal (conv): variance 2/fanIn', { className: 'HeNormal', config: { seed: 7 } }, CONV, keras(2 / 576)],
  [
    'heNormal as tfjs serializes it ("normal"): Keras\'s corrected σ',
    vs(2, 'fanIn', 'normal'),
    CONV,
    keras(2 / 576),
  ],
  [
    'HeUniform (dense): limit √(6/fanIn)',
    { className: 'HeUniform' },
    DENSE,
    uniform(-Math.sqrt(6 / 400), Math.sqrt(6 / 400)),
  ],
  ['LeCunNormal (dense): variance 1/fanIn', { className: 'LeCunNormal' }, DENSE, keras(1 / 400)],
  [
    'LeCunUniform (conv): limit √(3/fanIn)',
    { className: 'LeCunUniform' },
    CONV,
    uniform(-Math.sqrt(3 / 576), Math.sqrt(3 / 576)),
  ],
  [
    'VarianceScaling fanOut truncatedNormal (conv): variance scale/fanOut',
    vs(3, 'fanOut', 'truncatedNormal'),
    CONV,
    keras(3 / 1152),
  ],
  [
    'VarianceScaling fanAvg untruncatedNormal (conv): N(0, scale/fanAvg)',
    vs(0.5, 'fanAvg', 'untruncatedNormal'),
    CONV,
    normal(0, Math.sqrt(0.5 / 864)),
  ],
  [
    'VarianceScaling with defaults (scale 1, fanIn, truncated)',
    { className: 'VarianceScaling', config: {} },
    DENSE,
    keras(1 / 400),
  ],
];

describe('resolveInitializer: each distribution against its closed form', () => {
  // n = 200,000 (dense) or 73,728 (conv) draws. Bounds of 4 standard errors (two-sided p ≈ 6e-5 each): the mean's SE
  // is σ/√n, the variance's √((μ₄ − σ⁴)/n). Measured (seed 1): every case within 0.75 SE of its mean and 0.94 SE of its variance; a wrong fan (e.g. fanIn for
  // fanAvg) or a missing Keras correction (variance 0.774·s) is off by more than 40 SE.
  it.each(CASES)('%s', (_what, spec, shape, expected) => {
    const values = draw(spec, shape);
    const n = values.length;
    expect(n).toBe(shape.reduce((a, b) => a * b, 1));
    let sum = 0;
    for (const v of values) sum += v;
    const mean = sum / n;
    let m2 = 0;
    let worst = 0;
    for (const v of values)
      ((m2 += (v - expected.mean) ** 2), (worst = Math.max(worst, Math.abs(v - expected.mean))));
    const variance = m2 / n - (mean - expected.mean) ** 2;
    const meanSe = Math.sqrt(expected.variance / n);
    const varianceSe = Math.sqrt((expected.m4 - expected.variance ** 2) / n);
    expect(Math.abs(mean - expected.mean) / meanSe, 'mean, in SEs').toBeLessThan(4);
    expect(Math.abs(variance - expected.variance) / varianceSe, 'variance, in SEs').toBeLessThan(4);
    if (expected.bound !== undefined) expect(worst).toBeLessThanOrEqual(expected.bound * (1 + 1e-6));
  });

  it('truncates at 2σ: no truncated draw lies beyond, while 4.55% of untruncated ones do', () => {
    // P(|Z| > 2) = 1 − Z2 = 0.0455; over 73,728 draws its SE is 0.00077, so 4 SE is 0.0031.
    const s = 0.5 / 864;
    const beyond = (values: Float32Array) =>
      values.filter((v) => Math.abs(v) > 2 * Math.sqrt(s)).length / values.length;
    expect(Math.abs(beyond(draw(vs(0.5, 'fanAvg', 'untruncatedNormal'), CONV)) - (1 - Z2))).toBeLessThan(
      0.0031,
    );
    const sigma = Math.sqrt(s / TRUNC_VAR); // the truncated form's σ before truncation
    const truncatedDraws = draw(vs(0.5, 'fanAvg', 'truncatedNormal'), CONV);
    expect(truncatedDraws.filter((v) => Math.abs(v) > 2 * sigma * (1 + 1e-6)).length).toBe(0);
    // Its largest draws come close to the cut (the density at 2σ is not 0): within 1% of 2σ.
    expect(Math.max(...truncatedDraws.map(Math.abs))).toBeGreaterThan(2 * sigma * 0.99);
  });

  it('draws Zeros, Ones and Constant exactly', () => {
    expect([...draw({ className: 'Zeros', config: {} }, [2, 3])]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...draw({ className: 'Ones' }, [4])]).toEqual([1, 1, 1, 1]);
    expect([...draw({ className: 'Constant', config: { value: 0.25 } }, [3])]).toEqual([0.25, 0.25, 0.25]);
  });

  it('gives the same draws for the same seed and different ones for another seed, whatever the config seed', () => {
    const a = draw({ className: 'GlorotUniform', config: { seed: 1 } }, [20, 30], 5);
    expect(draw({ className: 'GlorotUniform', config: { seed: 2 } }, [20, 30], 5)).toEqual(a);
    const other = draw({ className: 'GlorotUniform', config: { seed: 1 } }, [20, 30], 6);
    expect(other.filter((v, i) => v === a[i]).length).toBe(0);
  });
});

describe('resolveInitializer: what it cannot draw', () => {
  const tail =
    ', which OpenBox cannot redraw; it draws Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal and VarianceScaling (with its Glorot, He and LeCun forms).';
  it.each(['Orthogonal', 'Identity', 'MyCustomInit'])(
    '%s is refused, naming the layer and the weight',
    (className) => {
      const resolve = () => resolveInitializer({ className, config: { gain: 1 } }, SITE);
      expect(resolve).toThrow(ModelRandomizationError);
      expect(resolve).toThrow(
        `reinitializedCopy: layer 'dense' initializes 'kernel' with ${className}${tail}`,
      );
    },
  );

  it.each([
    [
      vs(1, 'fan_in', 'uniform'),
      'VarianceScaling whose mode is "fan_in"; expected one of fanIn, fanOut, fanAvg.',
    ],
    [
      vs(1, 'fanIn', 'gaussian'),
      'VarianceScaling whose distribution is "gaussian"; expected one of normal, truncatedNormal, untruncatedNormal, uniform.',
    ],
    [vs(0, 'fanIn', 'uniform'), 'VarianceScaling whose scale is 0; expected a finite number > 0.'],
    [
      { className: 'RandomNormal', config: { stddev: -1 } },
      'RandomNormal whose stddev is -1; expected a finite number ≥ 0.',
    ],
    [
      { className: 'RandomUniform', config: { minval: 'a' } },
      'RandomUniform whose minval is "a"; expected a finite number.',
    ],
  ])('a bad config field is named: %j', (spec, message) => {
    expect(() => resolveInitializer(spec, SITE)).toThrow(
      `reinitializedCopy: layer 'dense' initializes 'kernel' with ${message}`,
    );
  });
});
