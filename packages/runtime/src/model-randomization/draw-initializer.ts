/** Keras initializers as closed-form samplers over a seeded `Rng`: same seed, same weights, on every backend. */
import type { Rng } from '../rng.js';
import { kerasFans } from './fans.js';
import { RANDOMIZATION_MESSAGES as M } from './messages.js';
import { ModelRandomizationError } from './model-randomization-error.js';

/** A serialized initializer as a layer's `getConfig()` holds it, e.g. `{ className: 'VarianceScaling', config: { … } }`. */
export interface InitializerSpec {
  readonly className: string;
  readonly config?: Readonly<Record<string, unknown>> | null;
}

/** Where a draw is made, for error messages: the public function, the layer and the weight. */
export interface DrawSite {
  readonly fn: string;
  readonly layer: string;
  readonly weight: string;
}

/** Draws one weight of `shape`, row-major, from `rng` (float64 draws rounded to float32). */
export type WeightSampler = (shape: readonly number[], rng: Rng) => Float32Array;

/** The initializers OpenBox can redraw (tfjs/Keras class names). */
export const DRAWABLE_INITIALIZERS = [
  'Zeros',
  'Ones',
  'Constant',
  'RandomUniform',
  'RandomNormal',
  'TruncatedNormal',
  'VarianceScaling',
  'GlorotUniform',
  'GlorotNormal',
  'HeUniform',
  'HeNormal',
  'LeCunUniform',
  'LeCunNormal',
] as const;
export type DrawableInitializer = (typeof DRAWABLE_INITIALIZERS)[number];

/** True when `name` is one of {@link DRAWABLE_INITIALIZERS}. */
export function isDrawableInitializer(name: string): name is DrawableInitializer {
  return (DRAWABLE_INITIALIZERS as readonly string[]).includes(name);
}

const FAN_MODES = ['fanIn', 'fanOut', 'fanAvg'] as const;
type FanMode = (typeof FAN_MODES)[number];
/** `normal` is Keras's (and tfjs's) name for the truncated form; `untruncatedNormal` is Keras's plain normal. */
const DISTRIBUTIONS = ['normal', 'truncatedNormal', 'untruncatedNormal', 'uniform'] as const;
type Distribution = (typeof DISTRIBUTIONS)[number];

/**
 * The standard deviation of N(0, 1) truncated to [−2, 2] (Keras's constant `.87962566103423978`): Keras divides the
 * pre-truncation σ of `VarianceScaling`'s truncated normal by it, so that the drawn weights have variance `scale / n`.
 */
export const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

/** Standard normal redrawn until |z| ≤ 2 (TensorFlow's `truncated_normal`: values beyond 2σ are re-picked). */
function truncatedStandardNormal(rng: Rng): number {
  let z = rng.normal();
  while (Math.abs(z) > 2) z = rng.normal();
  return z;
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const filled = (shape: readonly number[], draw: () => number): Float32Array =>
  Float32Array.from({ length: sizeOf(shape) }, draw);

interface VarianceScalingConfig {
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
}

/**
 * `VarianceScaling` (Keras): n = fanIn, fanOut or (fanIn + fanOut)/2 by `mode` ({@link kerasFans}); s = scale / max(1, n).
 * - `normal` / `truncatedNormal`: N(0, σ²) truncated at ±2σ with σ = √s / 0.87962566 (variance after truncation s);
 * - `untruncatedNormal`: N(0, s);
 * - `uniform`: U(−√(3s), √(3s)) (variance s).
 * tfjs-layers 4.22 leaves out the 0.8796 correction (its truncated draws have variance 0.774·s); OpenBox follows Keras.
 */
function varianceScaling(c: VarianceScalingConfig): WeightSampler {
  return (shape, rng) => {
    const { fanIn, fanOut } = kerasFans(shape);
    const n = c.mode === 'fanIn' ? fanIn : c.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const s = c.scale / Math.max(1, n);
    if (c.distribution === 'uniform') {
      const limit = Math.sqrt(3 * s);
      return filled(shape, () => -limit + 2 * limit * rng.next());
    }
    if (c.distribution === 'untruncatedNormal') return filled(shape, () => Math.sqrt(s) * rng.normal());
    const sigma = Math.sqrt(s) / TRUNCATED_NORMAL_STDDEV;
    return filled(shape, () => sigma * truncatedStandardNormal(rng));
  };
}

/** Reads the config's fields, checking each; a missing or null field takes the Keras default. */
function fields(spec: InitializerSpec, site: DrawSite) {
  const config = spec.config ?? {};
  const bad = (field: string, expected: string, got: unknown) =>
    new ModelRandomizationError(
      'bad-initializer-config',
      M.badInitializerField(site.fn, site.layer, site.weight, spec.className, field, expected, got),
    );
  return {
    number(
      field: string,
      fallback: number,
      check: (v: number) => boolean = () => true,
      expected = 'a finite number',
    ) {
      const value = config[field] ?? fallback;
      if (typeof value !== 'number' || !Number.isFinite(value) || !check(value))
        throw bad(field, expected, value);
      return value;
    },
    oneOf<T extends string>(field: string, allowed: readonly T[], fallback: T): T {
      const value = config[field] ?? fallback;
      if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
        throw bad(field, `one of ${allowed.join(', ')}`, value);
      return value as T;
    },
  };
}

const named = (scale: number, mode: FanMode, distribution: Distribution) => () =>
  varianceScaling({ scale, mode, distribution });

/** Each drawable initializer: its config (checked once) → a sampler. */
const SAMPLERS = {
  Zeros: () => (shape) => filled(shape, () => 0),
  Ones: () => (shape) => filled(shape, () => 1),
  Constant: (f) => {
    const value = f.number('value', 0);
    return (shape) => filled(shape, () => value);
  },
  // U(minval, maxval): minval + (maxval − minval)·u with u = rng.next() in [0, 1).
  RandomUniform: (f) => {
    const lo = f.number('minval', -0.05);
    const hi = f.number('maxval', 0.05);
    return (shape, rng) => filled(shape, () => lo + (hi - lo) * rng.next());
  },
  // N(mean, stddev²).
  RandomNormal: (f) => {
    const mean = f.number('mean', 0);
    const sd = f.number('stddev', 0.05, (v) => v >= 0, 'a finite number ≥ 0');
    return (shape, rng) => filled(shape, () => mean + sd * rng.normal());
  },
  // N(mean, stddev²) redrawn beyond mean ± 2·stddev (Keras: `stddev` is the σ before truncation).
  TruncatedNormal: (f) => {
    const mean = f.number('mean', 0);
    const sd = f.number('stddev', 0.05, (v) => v >= 0, 'a finite number ≥ 0');
    return (shape, rng) => filled(shape, () => mean + sd * truncatedStandardNormal(rng));
  },
  VarianceScaling: (f) =>
    varianceScaling({
      scale: f.number('scale', 1, (v) => v > 0, 'a finite number > 0'),
      mode: f.oneOf('mode', FAN_MODES, 'fanIn'),
      distribution: f.oneOf('distribution', DISTRIBUTIONS, 'normal'),
    }),
  GlorotUniform: named(1, 'fanAvg', 'uniform'),
  GlorotNormal: named(1, 'fanAvg', 'truncatedNormal'),
  HeUniform: named(2, 'fanIn', 'uniform'),
  HeNormal: named(2, 'fanIn', 'truncatedNormal'),
  LeCunUniform: named(1, 'fanIn', 'uniform'),
  LeCunNormal: named(1, 'fanIn', 'truncatedNormal'),
} as const satisfies Record<DrawableInitializer, (f: ReturnType<typeof fields>) => WeightSampler>;

/**
 * The sampler of a serialized initializer, its config checked now (so a model can be checked before anything is
 * built). The config's own `seed` is ignored: the `rng` passed to the sampler decides every draw. Orthogonal,
 * Identity and custom initializers throw a `ModelRandomizationError` (`undrawable-initializer`) naming the layer, the
 * weight and the initializer; a bad field throws `bad-initializer-config`.
 * @example resolveInitializer({ className: 'VarianceScaling', config: { scale: 1, mode: 'fanAvg', distribution: 'uniform' } }, site)([5, 5, 1, 16], rng)
 */
export function resolveInitializer(spec: InitializerSpec, site: DrawSite): WeightSampler {
  if (!isDrawableInitializer(spec.className))
    throw new ModelRandomizationError(
      'undrawable-initializer',
      M.undrawable(site.fn, site.layer, site.weight, spec.className),
    );
  return SAMPLERS[spec.className](fields(spec, site));
}
