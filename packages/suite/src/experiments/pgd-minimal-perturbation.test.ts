/** pgdMinimalPerturbation on linear models, whose minimal radii have closed forms; box, ball, determinism, memory. */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, initBackend } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { pgdMinimalPerturbation, type LogitsFn, type PgdOptions } from './pgd-minimal-perturbation.js';

const SHAPE = [4, 4, 1] as const;
const D = 16;
const CLASSES = 3;

/** A seeded linear model z = x·W + b on 4×4 images, W `[16, 3]` with N(0, 1) entries. */
function linearModel(seed: number) {
  const rng = createRng(seed);
  const w = Array.from({ length: D * CLASSES }, () => rng.normal());
  const b = Array.from({ length: CLASSES }, () => 0.3 * rng.normal());
  const at = (i: number, k: number) => w[i * CLASSES + k]!;
  const f: LogitsFn = (x) =>
    tf.tidy(
      () =>
        tf.add(
          tf.matMul(tf.reshape(x, [-1, D]), tf.tensor2d(w, [D, CLASSES])),
          tf.tensor1d(b),
        ) as tf.Tensor2D,
    );
  const logits = (x: ArrayLike<number>) =>
    Array.from(
      { length: CLASSES },
      (_, k) => b[k]! + Array.from({ length: D }, (_, i) => x[i]! * at(i, k)).reduce((s, v) => s + v, 0),
    );
  /** Closed form of the minimal radius ignoring the box: min over j ≠ y of (z_y − z_j) / ‖w_y − w_j‖ (dual norm). */
  const closedForm = (x: ArrayLike<number>, y: number, dual: 'l1' | 'l2') => {
    const z = logits(x);
    let best = Infinity;
    for (let j = 0; j < CLASSES; j++) {
      if (j === y) continue;
      const diff = Array.from({ length: D }, (_, i) => at(i, y) - at(i, j));
      const norm = dual === 'l1' ? diff.reduce((s, v) => s + Math.abs(v), 0) : Math.hypot(...diff);
      best = Math.min(best, (z[y]! - z[j]!) / norm);
    }
    return best;
  };
  return { f, logits, closedForm };
}

const argmax = (z: number[]) => z.indexOf(Math.max(...z));

/** Inputs in [0.35, 0.65] within 0.25 of the boundary (both norms), labelled with the model's own class. */
function inputs(model: ReturnType<typeof linearModel>, n: number, seed: number) {
  const rng = createRng(seed);
  const kept: number[][] = [];
  while (kept.length < n) {
    const x = Array.from({ length: D }, () => 0.35 + 0.3 * rng.next());
    const y = argmax(model.logits(x));
    if (model.closedForm(x, y, 'l1') < 0.25 && model.closedForm(x, y, 'l2') < 0.25) kept.push(x);
  }
  const images = Float32Array.from(kept.flat());
  const labels = Int32Array.from(kept, (x) => argmax(model.logits(x)));
  return { images, labels };
}

const opts = (norm: 'linf' | 'l2', over: Partial<PgdOptions> = {}): PgdOptions => ({
  norm,
  rng: createRng(7),
  maxEpsilon: 1,
  bisections: 16,
  ...over,
});

describe('pgdMinimalPerturbation', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each([
    ['l2', 'l2'],
    ['linf', 'l1'],
  ] as const)(
    'on a linear model far from the box faces, the %s radius is the closed form margin/‖w_y − w_j‖ (%s)',
    (norm, dual) => {
      const model = linearModel(1);
      const { images, labels } = inputs(model, 12, 2);
      const r = pgdMinimalPerturbation(
        model.f,
        images,
        labels,
        SHAPE,
        opts(norm, { bisections: 14, steps: 8 }),
      );
      // 14 halvings bracket the radius to 1/2^14 = 6.1e-5 above it (8 steps suffice: from the clean start the linear
      // model's optimum is reached in ⌈1/0.25⌉ = 4); float32 adds ~1e-6. Measured worst |PGD − closed form|: 5.95e-5
      // (L2) and 5.86e-5 (L∞) — the bracket; tolerance 1e-4.
      for (let i = 0; i < labels.length; i++) {
        const x = images.subarray(i * D, (i + 1) * D);
        const exact = model.closedForm(x, labels[i]!, dual);
        // Far from the faces: every pixel of the optimal perturbation stays in [0, 1] (the box does not bind).
        expect(exact).toBeLessThan(0.25);
        // One-sided: the bisection's upper end never lies below the true radius (float32 slack 1e-6).
        expect(r.epsilon[i]!).toBeGreaterThan(exact - 1e-6);
        expect(Math.abs(r.epsilon[i]! - exact), `digit ${i}: ${r.epsilon[i]} vs ${exact}`).toBeLessThan(1e-4);
        // The image returned flips the model (float64 recomputation).
        const adv = r.adversarial.subarray(i * D, (i + 1) * D);
        expect(argmax(model.logits(adv))).not.toBe(labels[i]);
        expect(r.predicted[i]).toBe(argmax(model.logits(adv)));
      }
    },
  );

  it.each(['l2', 'linf'] as const)(
    '%s: every returned image lies in the box [0, 1] and in the ball of its radius',
    (norm) => {
      // Inputs on the box faces (pixels 0 and 1), where projection onto the box binds.
      const model = linearModel(3);
      const rng = createRng(4);
      const images = Float32Array.from({ length: 10 * D }, () => [0, 1, rng.next()][rng.int(3)]!);
      const labels = Int32Array.from({ length: 10 }, (_, i) =>
        argmax(model.logits(images.subarray(i * D, (i + 1) * D))),
      );
      const r = pgdMinimalPerturbation(
        model.f,
        images,
        labels,
        SHAPE,
        opts(norm, { maxEpsilon: 4, bisections: 8 }),
      );
      for (let i = 0; i < 10; i++) {
        const delta = Array.from({ length: D }, (_, j) => r.adversarial[i * D + j]! - images[i * D + j]!);
        for (let j = 0; j < D; j++) expect(r.adversarial[i * D + j]!).toBeGreaterThanOrEqual(0);
        for (let j = 0; j < D; j++) expect(r.adversarial[i * D + j]!).toBeLessThanOrEqual(1);
        const size = norm === 'l2' ? Math.hypot(...delta) : Math.max(...delta.map(Math.abs));
        // float32 arithmetic: the projection's scale ε/‖δ‖ and the subtraction err by ~1e-7 relative.
        expect(size).toBeLessThanOrEqual(r.epsilon[i]! * (1 + 1e-5));
        if (Number.isFinite(r.epsilon[i]!))
          expect(argmax(model.logits(r.adversarial.subarray(i * D, (i + 1) * D)))).not.toBe(labels[i]);
      }
    },
  );

  it('reports Infinity (and the clean digit) where even maxEpsilon does not flip: a constant model', () => {
    const constant: LogitsFn = (x) =>
      tf.tidy(
        () =>
          tf.add(tf.expandDims(tf.mul(tf.sum(x, [1, 2, 3]), 0), 1), tf.tensor2d([[1, 0, 0]])) as tf.Tensor2D,
      );
    const images = Float32Array.from({ length: 2 * D }, (_, i) => (i % 5) / 5);
    const r = pgdMinimalPerturbation(
      constant,
      images,
      Int32Array.from([0, 0]),
      SHAPE,
      opts('l2', { bisections: 3 }),
    );
    expect(Array.from(r.epsilon)).toEqual([Infinity, Infinity]);
    expect(r.adversarial).toEqual(images);
    expect(Array.from(r.predicted)).toEqual([0, 0]);
  });

  it('is deterministic for a seed, leaves no tensor behind, and reports its settings', () => {
    const model = linearModel(5);
    const { images, labels } = inputs(model, 6, 6);
    const run = (seed: number) =>
      pgdMinimalPerturbation(
        model.f,
        images,
        labels,
        SHAPE,
        opts('l2', { rng: createRng(seed), bisections: 6, restarts: 3, steps: 5 }),
      );
    const before = tf.memory().numTensors;
    const a = run(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(run(1)).toEqual(a);
    expect([a.norm, a.maxEpsilon, a.bisections, a.steps, a.stepFraction, a.restarts]).toEqual([
      'l2',
      1,
      6,
      5,
      0.25,
      3,
    ]);
    // Defaults: maxEpsilon 1 (L∞) and √16 = 4 (L2), 10 halvings, 20 steps of ε/4, 2 restarts.
    const d = pgdMinimalPerturbation(model.f, images, labels, SHAPE, { norm: 'l2', rng: createRng(1) });
    expect([d.maxEpsilon, d.bisections, d.steps, d.stepFraction, d.restarts]).toEqual([4, 10, 20, 0.25, 2]);
    expect(
      pgdMinimalPerturbation(model.f, images, labels, SHAPE, {
        norm: 'linf',
        rng: createRng(1),
        bisections: 1,
      }).maxEpsilon,
    ).toBe(1);
  });

  it.each([
    [{ norm: 'l1' }, "pgdMinimalPerturbation: norm must be 'linf' or 'l2', got l1."],
    [{ bisections: -1 }, 'pgdMinimalPerturbation: bisections must be an integer ≥ 0, got -1.'],
    [{ steps: 0 }, 'pgdMinimalPerturbation: steps must be an integer ≥ 1, got 0.'],
    [{ restarts: 1.5 }, 'pgdMinimalPerturbation: restarts must be an integer ≥ 1, got 1.5.'],
    [{ maxEpsilon: 0 }, 'pgdMinimalPerturbation: maxEpsilon must be a finite number > 0, got 0.'],
    [
      { stepFraction: Number.NaN },
      'pgdMinimalPerturbation: stepFraction must be a finite number > 0, got NaN.',
    ],
  ])('refuses %j', (over, message) => {
    const model = linearModel(1);
    const [images, labels] = [new Float32Array(2 * D).fill(0.5), Int32Array.from([0, 1])];
    expect(() =>
      pgdMinimalPerturbation(model.f, images, labels, SHAPE, opts('l2', over as Partial<PgdOptions>)),
    ).toThrow(message);
  });

  it('refuses images that do not match the labels', () => {
    const model = linearModel(1);
    expect(() =>
      pgdMinimalPerturbation(model.f, new Float32Array(20), Int32Array.from([0, 1]), SHAPE, opts('l2')),
    ).toThrow('pgdMinimalPerturbation: images must hold labels.length × 16 values (2 labels), got 20.');
  });
});
