/** `measureAdversarial`: every measurement of the adversarial experiment, computing only (no verdict, no drawing). */
import type { ImageModel } from '@openbox/cnn-vis';
import type { Dataset } from '@openbox/datasets';
import type { Rng } from '@openbox/runtime';
import type { ControlModel } from '../controls/control-models.js';
import { SuiteError } from '../suite-error.js';
import { ADVERSARIAL_MESSAGES as M } from './adversarial-messages.js';
import { quartiles, type AdversarialBudget } from './adversarial-budget.js';
import { nearestOtherClassDistance, type NearestOtherClass } from './nearest-other-class.js';
import {
  pgdMinimalPerturbation,
  type LogitsFn,
  type PerturbationNorm,
  type PgdResult,
} from './pgd-minimal-perturbation.js';
import { randomFlipFraction } from './random-flip-fraction.js';
import { randomFlipRadius } from './random-flip-radius.js';
import * as tf from '@tensorflow/tfjs-core';

export const NORMS: readonly PerturbationNorm[] = ['linf', 'l2'];

/** Both norms' PGD results for one model. */
export type ByNorm<T> = Record<PerturbationNorm, T>;

export interface AdversarialMeasurements {
  /** Test-set rows of the images, their labels and pixels (`[n, h·w·c]`). */
  readonly rows: number[];
  /** The images' `[h, w, c]` (MNIST's 28×28×1 or the user's model input). */
  readonly shape: readonly [number, number, number];
  readonly labels: Int32Array;
  readonly images: Float32Array;
  readonly cnn: ByNorm<PgdResult>;
  readonly lr: ByNorm<PgdResult>;
  /** Each re-initialized control's minimal radii on the same digits, its own class being the decision to flip. */
  readonly controls: readonly {
    readonly label: string;
    readonly seed: number;
    readonly epsilon: ByNorm<Float64Array>;
  }[];
  /** The CNN's flip radius along one random direction per digit. */
  readonly randomRadius: ByNorm<Float64Array>;
  /** Fraction of random perturbations at the CNN's median adversarial radius that flip it. */
  readonly randomFraction: ByNorm<number>;
  readonly nearest: NearestOtherClass;
}

/** Lets the event loop run between attacks (a test worker answers its runner; a CLI prints progress). */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `[h, w, c]` and pixels per image of an image dataset. */
function shapeOf(test: Dataset): { shape: [number, number, number]; pixels: number } {
  const [, h, w, c] = test.shape as [number, number, number, number];
  return { shape: [h, w, c], pixels: h * w * c };
}

/** Argmax classes of a batch of images of `test`'s shape. */
function classes(f: LogitsFn, images: Float32Array, test: Dataset): Int32Array {
  const { shape, pixels } = shapeOf(test);
  return tf.tidy(() =>
    Int32Array.from(tf.argMax(f(tf.tensor4d(images, [images.length / pixels, ...shape])), 1).dataSync()),
  );
}

/** The first `n` rows of a seeded shuffle of the test set that both models classify correctly. */
function pickDigits(test: Dataset, cnn: LogitsFn, lr: LogitsFn, n: number, rng: Rng, model: string) {
  const PIXELS = shapeOf(test).pixels;
  const order = rng.shuffle(Array.from({ length: test.shape[0]! }, (_, i) => i));
  const rows: number[] = [];
  for (let start = 0; start < order.length && rows.length < n; start += 4 * n) {
    const batch = order.slice(start, start + 4 * n);
    const images = new Float32Array(batch.length * PIXELS);
    batch.forEach((src, i) =>
      images.set(test.features.subarray(src * PIXELS, (src + 1) * PIXELS), i * PIXELS),
    );
    const [a, b] = [classes(cnn, images, test), classes(lr, images, test)];
    batch.forEach((src, i) => {
      if (rows.length < n && a[i] === test.target[src] && b[i] === test.target[src]) rows.push(src);
    });
  }
  if (rows.length < n)
    throw new SuiteError(
      'invalid-argument',
      M.tooFewCorrect('adversarial-vs-logistic', n, rows.length, model),
    );
  return rows;
}

/**
 * 1. n test digits both models get right; 2. PGD minimal radii (L∞, L2) of the CNN, LR and each control; 3. the
 * CNN's random-direction radii and the random flip fraction at its median adversarial radius; 4. nearest digit of
 * another class. Every random draw comes from a labelled fork of `rng`.
 */
export async function measureAdversarial(input: {
  readonly adapter: ImageModel;
  readonly modelLabel: string;
  readonly lr: LogitsFn;
  readonly controls: readonly ControlModel[];
  readonly test: Dataset;
  readonly budget: AdversarialBudget;
  readonly rng: Rng;
  readonly progress?: (step: number, total: number, label: string) => void;
}): Promise<AdversarialMeasurements> {
  const { adapter, lr, test, budget: b, rng } = input;
  const cnn: LogitsFn = (x) => adapter.logits(x);
  const progress = input.progress ?? (() => undefined);
  const { shape: SHAPE, pixels: PIXELS } = shapeOf(test);
  // 1. Digits.
  const rows = pickDigits(test, cnn, lr, b.digits, rng.fork('digits'), input.modelLabel);
  const labels = Int32Array.from(rows, (r) => test.target[r]!);
  const images = new Float32Array(rows.length * PIXELS);
  rows.forEach((src, i) => images.set(test.features.subarray(src * PIXELS, (src + 1) * PIXELS), i * PIXELS));
  // 2. PGD on each model.
  const attack = (f: LogitsFn, y: Int32Array, norm: PerturbationNorm, label: string) =>
    pgdMinimalPerturbation(f, images, y, SHAPE, {
      norm,
      rng: rng.fork(`pgd-${label}-${norm}`),
      maxEpsilon: b.cap[norm],
      bisections: b.bisections,
      steps: b.steps,
      stepFraction: b.stepFraction,
      restarts: b.restarts,
    });
  const total = 2 + input.controls.length + 2;
  progress(1, total, 'PGD on the CNN');
  await tick();
  const cnnLinf = attack(cnn, labels, 'linf', 'cnn');
  await tick();
  const cnnRadii = { linf: cnnLinf, l2: attack(cnn, labels, 'l2', 'cnn') };
  await tick();
  progress(2, total, 'PGD on logistic regression');
  const lrRadii = { linf: attack(lr, labels, 'linf', 'lr'), l2: attack(lr, labels, 'l2', 'lr') };
  const controls: AdversarialMeasurements['controls'][number][] = [];
  for (const [k, c] of input.controls.entries()) {
    progress(3 + k, total, `PGD on ${c.label}`);
    await tick();
    const f: LogitsFn = (x) => c.adapter.logits(x);
    const own = classes(f, images, test);
    const linf = attack(f, own, 'linf', `control-${c.seed}`).epsilon;
    await tick();
    controls.push({
      label: c.label,
      seed: c.seed,
      epsilon: { linf, l2: attack(f, own, 'l2', `control-${c.seed}`).epsilon },
    });
  }
  // 3. Random perturbations against the CNN.
  await tick();
  progress(total - 1, total, 'random perturbations');
  const randomRadius = {
    linf: randomFlipRadius(cnn, images, labels, SHAPE, {
      norm: 'linf',
      rng: rng.fork('random-direction-linf'),
      bisections: b.bisections,
    }),
    l2: randomFlipRadius(cnn, images, labels, SHAPE, {
      norm: 'l2',
      rng: rng.fork('random-direction-l2'),
      bisections: b.bisections,
    }),
  };
  const fraction = (norm: PerturbationNorm) =>
    randomFlipFraction(cnn, images, labels, SHAPE, quartiles(cnnRadii[norm].epsilon, b.cap[norm]).median, {
      norm,
      draws: b.draws,
      rng: rng.fork(`random-fraction-${norm}`),
    });
  const randomFraction = { linf: fraction('linf'), l2: fraction('l2') };
  // 4. The data's own scale.
  progress(total, total, 'nearest digit of another class');
  const nearest = nearestOtherClassDistance(images, labels, test.features, test.target, PIXELS);
  return {
    rows,
    shape: SHAPE,
    labels,
    images,
    cnn: cnnRadii,
    lr: lrRadii,
    controls,
    randomRadius,
    randomFraction,
    nearest,
  };
}
