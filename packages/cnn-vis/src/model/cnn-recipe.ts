/** The training recipes of the MNIST CNN: the reference, and the trained controls the suite's verdicts must beat. */
import type { Dataset } from '@openbox/datasets';
import { createRng } from '@openbox/runtime';
import { MIN_TEST_ACCURACY } from './reference-cnn-meta.js';

/**
 * `standard`: the reference recipe (`trainReferenceCnn`). `shuffled-labels`: the same recipe on the same digits with
 * their labels permuted once (seeded) — Adebayo et al. 2018's data-randomization control: a net that fits no real
 * relation between image and label. `frozen-first-layer`: the same recipe with the first conv layer left at its random
 * initialization (not trainable) — whatever its filters show was not learned.
 */
export const CNN_RECIPES = ['standard', 'shuffled-labels', 'frozen-first-layer'] as const;
export type CnnRecipe = (typeof CNN_RECIPES)[number];

export function isCnnRecipe(value: unknown): value is CnnRecipe {
  return (CNN_RECIPES as readonly unknown[]).includes(value);
}

/**
 * The test accuracy a freshly trained (or cached) model of each recipe must reach — or, for shuffled labels, stay
 * under, since a net that predicts the true test labels was not trained on random ones. Measured with 10 epochs, seed
 * 0, wasm: standard 0.9885; frozen-first-layer 0.966 (issue 9's table); shuffled labels at chance (≈ 0.1).
 */
export const RECIPE_ACCURACY: Record<CnnRecipe, { readonly min: number; readonly max: number }> = {
  standard: { min: MIN_TEST_ACCURACY, max: 1 },
  'shuffled-labels': { min: 0, max: 0.2 },
  'frozen-first-layer': { min: 0.95, max: 1 },
};

/** Whether `accuracy` is inside the recipe's band. */
export function accuracyFitsRecipe(recipe: CnnRecipe, accuracy: number): boolean {
  const band = RECIPE_ACCURACY[recipe];
  return accuracy >= band.min && accuracy <= band.max;
}

/**
 * `data` with its labels permuted once by a seeded Fisher–Yates shuffle (`createRng(seed).fork('shuffled-labels')`):
 * the class counts stay, every image–label relation is gone (Zhang et al. 2017; Adebayo et al. 2018's data
 * randomization). The recipe `shuffled-labels` trains on `shuffleLabels(loadMnist({ seed }).train, seed)`.
 */
export function shuffleLabels(data: Dataset, seed: number): Dataset {
  const order = createRng(seed)
    .fork('shuffled-labels')
    .shuffle(Array.from(data.target, (_, i) => i));
  return { ...data, target: Int32Array.from(order, (i) => data.target[i]!) };
}
