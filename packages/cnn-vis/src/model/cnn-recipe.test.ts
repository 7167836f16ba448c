import { join } from 'node:path';
import { loadMnist } from '@openbox/datasets';
import { defaultCacheDir } from '@openbox/runtime';
import { describe, expect, it } from 'vitest';
import {
  CNN_RECIPES,
  RECIPE_ACCURACY,
  accuracyFitsRecipe,
  isCnnRecipe,
  shuffleLabels,
} from './cnn-recipe.js';
import { loadReferenceCnn, referenceCnnDir } from './reference-cnn.js';

const counts = (target: Int32Array) => {
  const c = new Array<number>(10).fill(0);
  for (const t of target) c[t]!++;
  return c;
};

describe('shuffleLabels', () => {
  const train = loadMnist({ seed: 0 }).train;

  it('keeps the images and the class counts, and moves about 1 − Σ p² ≈ 90% of the labels', () => {
    const shuffled = shuffleLabels(train, 0);
    expect(shuffled.features).toBe(train.features);
    expect(counts(shuffled.target)).toEqual(counts(train.target));
    // For a random permutation, P(label unchanged) = Σ_k p_k² (p_k the class shares): 0.1003 for these 8,000 digits.
    const p = counts(train.target).map((c) => c / train.target.length);
    const expectedChanged = 1 - p.reduce((a, q) => a + q * q, 0);
    const changed = train.target.filter((t, i) => shuffled.target[i] !== t).length / train.target.length;
    // SD of the changed fraction ≈ √(0.9 · 0.1 / 8000) = 0.0034; 5 SDs.
    expect(Math.abs(changed - expectedChanged)).toBeLessThan(0.017);
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(shuffleLabels(train, 3).target).toEqual(shuffleLabels(train, 3).target);
    expect(shuffleLabels(train, 3).target).not.toEqual(shuffleLabels(train, 4).target);
  });
});

describe('recipes', () => {
  it('declares three, each with its accuracy band', () => {
    expect(CNN_RECIPES).toEqual(['standard', 'shuffled-labels', 'frozen-first-layer']);
    expect(isCnnRecipe('frozen-first-layer')).toBe(true);
    expect(isCnnRecipe('Standard')).toBe(false);
    expect(RECIPE_ACCURACY).toEqual({
      standard: { min: 0.98, max: 1 },
      'shuffled-labels': { min: 0, max: 0.2 },
      'frozen-first-layer': { min: 0.95, max: 1 },
    });
    expect([0.98, 0.979].map((a) => accuracyFitsRecipe('standard', a))).toEqual([true, false]);
    expect([0.2, 0.2001].map((a) => accuracyFitsRecipe('shuffled-labels', a))).toEqual([true, false]);
    expect([0.95, 0.9499].map((a) => accuracyFitsRecipe('frozen-first-layer', a))).toEqual([true, false]);
  });

  it('gives each recipe and seed its own cache folder; the reference keeps models/mnist-cnn', () => {
    const root = '/some/root';
    expect(referenceCnnDir(root)).toBe(join(root, 'models', 'mnist-cnn'));
    expect(referenceCnnDir(root, { seed: 0, recipe: 'standard' })).toBe(join(root, 'models', 'mnist-cnn'));
    expect(referenceCnnDir(root, { seed: 1 })).toBe(join(root, 'models', 'mnist-cnn-standard-seed1'));
    expect(referenceCnnDir(root, { recipe: 'shuffled-labels' })).toBe(
      join(root, 'models', 'mnist-cnn-shuffled-labels-seed0'),
    );
    expect(referenceCnnDir(undefined, { seed: 2, recipe: 'frozen-first-layer' })).toBe(
      join(defaultCacheDir(), 'models', 'mnist-cnn-frozen-first-layer-seed2'),
    );
  });

  it('refuses an unknown recipe before touching the cache', async () => {
    await expect(loadReferenceCnn({ cacheDir: '/nonexistent', recipe: 'frozen' as never })).rejects.toThrow(
      `loadReferenceCnn: options.recipe must be one of 'standard', 'shuffled-labels', 'frozen-first-layer'; got "frozen".`,
    );
  });
});
