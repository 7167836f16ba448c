/** The LR baseline on any image set: the penalized optimum (gradient ≈ 0, float64 here), accuracy, K-class matching. */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '@openbox/datasets';
import { createRng } from '@openbox/runtime';
import { lrBaseline } from './lr-baseline.js';
import { judgeLrTemplates } from './lr-template-match.js';
import { LR_GRADIENT_TOLERANCE, LR_TEMPLATE_L2, fitLrTemplates, lrTemplateAccuracy } from './lr-templates.js';
import { multinomialGradientNorm } from './test-cnn-reference.js';

/** `n` seeded 4×4×3 images of 3 classes: class k brightens channel k; pixel 0's red value is constant (0.5). */
function colourImages(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const d = 4 * 4 * 3;
  const features = new Float32Array(n * d);
  const target = Int32Array.from({ length: n }, (_, i) => i % 3);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++)
      features[i * d + j] = j === 0 ? 0.5 : 0.6 * rng.next() + (j % 3 === target[i] ? 0.4 : 0);
  return {
    name: 'colours',
    features,
    shape: [n, 4, 4, 3],
    featureNames: ['pixel'],
    target,
    classNames: ['red', 'green', 'blue'],
    targetName: 'class',
    description: 'seeded colour images',
    source: 'this test',
    license: 'MIT',
    missing: { rowsInSource: n, rowsDropped: 0, policy: 'none missing' },
  };
}

describe('LR templates on any image set', () => {
  const train = colourImages(60, 1);
  const test = colourImages(30, 2);
  const lr = fitLrTemplates(train);

  it('is the L2-penalized multinomial optimum over every pixel (constant pixels weigh 0)', () => {
    expect(lr.intercepts).toHaveLength(3);
    expect(lr.weights).toHaveLength(3 * 48);
    expect(lr.rows).toBe(60);
    expect(lr.varyingPixels).toBe(47);
    expect([0, 48, 96].map((k) => lr.weights[k])).toEqual([0, 0, 0]);
    expect(lr.converged).toBe(true);
    // The full gradient (the constant pixel included: its entry is 0.5 × the intercept's), recomputed in float64.
    const norm = multinomialGradientNorm(
      lr.weights,
      lr.intercepts,
      LR_TEMPLATE_L2,
      train.features,
      train.target,
      60,
    );
    expect(norm).toBeLessThanOrEqual(2 * LR_GRADIENT_TOLERANCE);
  });

  it('scores by argmax of b + W x, the accuracy counted independently', () => {
    let correct = 0;
    for (let i = 0; i < 30; i++) {
      const scores = [0, 1, 2].map(
        (k) =>
          lr.intercepts[k]! +
          lr.weights.slice(k * 48, (k + 1) * 48).reduce((s, w, j) => s + w * test.features[i * 48 + j]!, 0),
      );
      if (scores.indexOf(Math.max(...scores)) === test.target[i]) correct++;
    }
    expect(lrTemplateAccuracy(lr, test)).toBe(correct / 30);
    expect(correct / 30).toBeGreaterThan(0.9);
  });

  it('judges "one template per class" with K-class derangements; lrBaseline fits once per training set', () => {
    const match = judgeLrTemplates(lr, train, createRng(0).fork('null'));
    expect(match.correlations).toHaveLength(3);
    expect(match.nulls.every((n) => n.assignment.every((c, k) => c !== k && c >= 0 && c < 3))).toBe(true);
    expect(match.ownClassBest).toBe(3);
    const ctx = { cacheDir: '/nonexistent' };
    const first = lrBaseline(ctx, { data: 'images', train });
    expect(lrBaseline(ctx, { data: 'images', train })).toBe(first);
    expect(first.weights).toEqual(lr.weights);
  });
});
