/** `pgdMinimalPerturbation`: the smallest L∞ or L2 radius at which untargeted PGD flips each digit (bisection over ε). */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@openbox/runtime';
import { SuiteError } from '../suite-error.js';
import { ADVERSARIAL_MESSAGES as M } from './adversarial-messages.js';

/** The two balls the attack searches: `linf` (max |δᵢ| ≤ ε) and `l2` (‖δ‖₂ ≤ ε). */
export const PERTURBATION_NORMS = ['linf', 'l2'] as const;
export type PerturbationNorm = (typeof PERTURBATION_NORMS)[number];

/** A differentiable model: images `[n, h, w, c]` in [0, 1] → pre-softmax logits `[n, classes]`. */
export type LogitsFn = (images: tf.Tensor4D) => tf.Tensor2D;

/** Options of {@link pgdMinimalPerturbation}. */
export interface PgdOptions {
  readonly norm: PerturbationNorm;
  /** Draws the random starts (fork one per use). */
  readonly rng: Rng;
  /** Largest radius tried. Default 1 for `linf` (the ball then holds the whole box), √(h·w·c) for `l2` (its diagonal). */
  readonly maxEpsilon?: number;
  /** Halvings of [0, maxEpsilon]: the radius is bracketed to maxEpsilon / 2^bisections. Default 10. */
  readonly bisections?: number;
  /** PGD steps per restart. Default 20. */
  readonly steps?: number;
  /** Step size as a fraction of ε. Default 0.25 (4 steps cross the ball; 20 leave time to follow its surface). */
  readonly stepFraction?: number;
  /** Restarts per ε: the first from the clean digit, the others from seeded random points of the ball. Default 2. */
  readonly restarts?: number;
}

/** Per digit, what the bisection found (and the options it ran with). */
export interface PgdResult {
  readonly norm: PerturbationNorm;
  /** The smallest radius found to flip the digit (the bisection's upper end); `Infinity` when maxEpsilon does not. */
  readonly epsilon: Float64Array;
  /** `[n, h, w, c]`: a flipping image inside the box and the ball of radius `epsilon` (the clean digit where none). */
  readonly adversarial: Float32Array;
  /** The model's class for each adversarial image (the label where none flipped). */
  readonly predicted: Int32Array;
  readonly maxEpsilon: number;
  readonly bisections: number;
  readonly steps: number;
  readonly stepFraction: number;
  readonly restarts: number;
}

const FN = 'pgdMinimalPerturbation';
type Resolved = Required<Omit<PgdOptions, 'rng'>>;

/** max over j ≠ y of z_j − z_y, per digit: > 0 exactly when the model no longer gives the label (ties do not flip). */
function margin(f: LogitsFn, x: tf.Tensor4D, oneHot: tf.Tensor2D): tf.Tensor1D {
  const z = f(x);
  const other = tf.max(tf.where(tf.cast(oneHot, 'bool'), tf.fill(z.shape, -Infinity), z), 1);
  return tf.sub(other, tf.sum(tf.mul(z, oneHot), 1)) as tf.Tensor1D;
}

/** Back into the ball of radius eps `[n,1,1,1]` around x0, then into the box [0, 1] (which only shrinks each |δᵢ|). */
function project(x: tf.Tensor4D, x0: tf.Tensor4D, eps: tf.Tensor4D, norm: PerturbationNorm): tf.Tensor4D {
  return tf.tidy(() => {
    let d = tf.sub(x, x0);
    if (norm === 'linf') d = tf.minimum(tf.maximum(d, tf.neg(eps)), eps);
    else {
      const len = tf.sqrt(tf.sum(tf.square(d), [1, 2, 3], true));
      d = tf.mul(d, tf.minimum(1, tf.div(eps, tf.maximum(len, 1e-12))));
    }
    return tf.clipByValue(tf.add(x0, d), 0, 1) as tf.Tensor4D;
  });
}

/** A seeded point of the ball: L∞ uniform in [−ε, ε]ᵈ; L2 a Gaussian direction at radius ε·u, u uniform in [0, 1). */
function randomStart(shape: number[], eps: Float32Array, norm: PerturbationNorm, rng: Rng): tf.Tensor4D {
  const [n, ...rest] = shape as [number, ...number[]];
  const d = rest.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = out.subarray(i * d, (i + 1) * d);
    if (norm === 'linf') for (let j = 0; j < d; j++) row[j] = eps[i]! * (2 * rng.next() - 1);
    else {
      let len = 0;
      for (let j = 0; j < d; j++) len += (row[j] = rng.normal()) ** 2;
      const r = (eps[i]! * rng.next()) / Math.sqrt(len);
      for (let j = 0; j < d; j++) row[j] = row[j]! * r;
    }
  }
  return tf.tensor4d(out, shape as [number, number, number, number]);
}

/** PGD at per-digit radii: whether any iterate of any restart flipped each digit, and the first one that did. */
function attack(
  f: LogitsFn,
  x0: tf.Tensor4D,
  oneHot: tf.Tensor2D,
  radii: Float32Array,
  o: Resolved,
  rng: Rng,
) {
  const n = x0.shape[0];
  const eps = tf.tensor4d(radii, [n, 1, 1, 1]);
  const alpha = tf.mul(eps, o.stepFraction);
  const ones = tf.ones([n]) as tf.Tensor1D;
  const grad = tf.valueAndGrad((x: tf.Tensor) => margin(f, x as tf.Tensor4D, oneHot));
  let found = tf.clone(x0);
  let flipped: tf.Tensor = tf.zeros([n], 'bool');
  const record = (x: tf.Tensor4D, m: tf.Tensor) => {
    // m: the margin per digit.
    const [nextFound, nextFlipped] = tf.tidy(() => {
      const now = tf.greater(m, 0);
      const fresh = tf.reshape(tf.logicalAnd(now, tf.logicalNot(flipped)), [n, 1, 1, 1]);
      return [tf.where(tf.broadcastTo(fresh, x.shape), x, found), tf.logicalOr(flipped, now)];
    });
    found.dispose();
    flipped.dispose();
    [found, flipped] = [nextFound as tf.Tensor4D, nextFlipped!];
  };
  for (let r = 0; r < o.restarts; r++) {
    let x =
      r === 0
        ? tf.clone(x0)
        : tf.tidy(() =>
            project(tf.add(x0, randomStart(x0.shape, radii, o.norm, rng)) as tf.Tensor4D, x0, eps, o.norm),
          );
    for (let t = 0; t < o.steps; t++) {
      const { value, grad: g } = grad(x, ones);
      record(x, value);
      const next = tf.tidy(() => {
        const dir =
          o.norm === 'linf'
            ? tf.sign(g)
            : tf.div(g, tf.maximum(tf.sqrt(tf.sum(tf.square(g), [1, 2, 3], true)), 1e-12));
        return project(tf.add(x, tf.mul(alpha, dir)) as tf.Tensor4D, x0, eps, o.norm);
      });
      tf.dispose([value, g, x]);
      x = next;
    }
    const last = tf.tidy(() => margin(f, x, oneHot));
    record(x, last);
    tf.dispose([last, x]);
  }
  tf.dispose([eps, alpha, ones]);
  return { found, flipped };
}

/** Checks and fills the options. */
function resolve(options: PgdOptions, pixels: number): Resolved {
  const o: Resolved = {
    norm: options.norm,
    maxEpsilon: options.maxEpsilon ?? (options.norm === 'linf' ? 1 : Math.sqrt(pixels)),
    bisections: options.bisections ?? 10,
    steps: options.steps ?? 20,
    stepFraction: options.stepFraction ?? 0.25,
    restarts: options.restarts ?? 2,
  };
  if (!(PERTURBATION_NORMS as readonly string[]).includes(o.norm))
    throw new SuiteError('invalid-argument', M.badNorm(FN, o.norm));
  for (const [arg, min] of [
    ['bisections', 0],
    ['steps', 1],
    ['restarts', 1],
  ] as const)
    if (!Number.isInteger(o[arg]) || o[arg] < min)
      throw new SuiteError('invalid-argument', M.badInteger(FN, arg, min, o[arg]));
  for (const arg of ['maxEpsilon', 'stepFraction'] as const)
    if (!(Number.isFinite(o[arg]) && o[arg] > 0))
      throw new SuiteError('invalid-argument', M.badPositive(FN, arg, o[arg]));
  return o;
}

/**
 * Minimal adversarial radius by bisection (the minimal-perturbation use of Madry et al. 2018's PGD): for each digit,
 * untargeted PGD on the margin max_{j≠y} z_j − z_y inside the ball of radius ε and the box [0, 1] — L∞ steps
 * α·sign(∇), L2 steps α·∇/‖∇‖, α = stepFraction·ε, each followed by projection onto the ball then the box — flips the
 * digit when any iterate of any restart has margin > 0. First ε = maxEpsilon; then `bisections` halvings of [lo, hi],
 * all digits of one ε step in one batch, one read of the flip mask per step. Same rng seed, same result. For a linear
 * model far from the box's faces the radius is margin/‖w_y − w_j‖₂ (L2) or margin/‖w_y − w_j‖₁ (L∞), to the bracket.
 * @example pgdMinimalPerturbation((x) => adapter.logits(x), images, labels, { norm: 'l2', rng: ctx.rng.fork('pgd-l2') })
 */
export function pgdMinimalPerturbation(
  f: LogitsFn,
  images: Float32Array,
  labels: Int32Array,
  shape: readonly [number, number, number],
  options: PgdOptions,
): PgdResult {
  // 1. Options and input.
  const pixels = shape[0] * shape[1] * shape[2];
  const n = labels.length;
  if (images.length !== n * pixels)
    throw new SuiteError('invalid-argument', M.badBatch(FN, images.length, n, pixels));
  const o = resolve(options, pixels);
  const x0 = tf.tensor4d(images, [n, ...shape]);
  const classes = tf.tidy(() => f(tf.slice(x0, 0, 1)).shape[1]);
  const oneHot = tf.tidy(
    () => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), classes), 'float32') as tf.Tensor2D,
  );
  // 2. The largest radius, then bisection; the best image per digit stays a tensor.
  const lo = new Float64Array(n);
  const hi = new Float64Array(n).fill(o.maxEpsilon);
  const first = attack(f, x0, oneHot, Float32Array.from(hi), o, options.rng);
  const reachable = first.flipped.dataSync() as Uint8Array;
  let best = first.found;
  first.flipped.dispose();
  for (let b = 0; b < o.bisections; b++) {
    const mid = hi.map((h, i) => (reachable[i] ? (lo[i]! + h) / 2 : h));
    const { found, flipped } = attack(f, x0, oneHot, Float32Array.from(mid), o, options.rng);
    const now = flipped.dataSync() as Uint8Array;
    const next = tf.tidy(() =>
      tf.where(tf.broadcastTo(tf.reshape(flipped, [n, 1, 1, 1]), found.shape), found, best),
    );
    tf.dispose([found, flipped, best]);
    best = next as tf.Tensor4D;
    for (let i = 0; i < n; i++) if (reachable[i]) now[i] ? (hi[i] = mid[i]!) : (lo[i] = mid[i]!);
  }
  // 3. Read back once.
  const predicted = tf.tidy(() => tf.argMax(f(best), 1));
  const result: PgdResult = {
    ...o,
    epsilon: hi.map((h, i) => (reachable[i] ? h : Infinity)),
    adversarial: Float32Array.from(best.dataSync()),
    predicted: Int32Array.from(predicted.dataSync()),
  };
  tf.dispose([x0, oneHot, best, predicted]);
  return result;
}
