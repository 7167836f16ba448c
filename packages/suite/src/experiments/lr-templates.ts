/**
 * Multinomial logistic regression on pixels (the interpretable baseline): on MNIST fitted once and cached as JSON; on
 * any other image set (`fitLrTemplates`) fitted by the same recipe.
 */
import { join } from 'node:path';
import { loadMnist, type Dataset } from '@openbox/datasets';
import { fitExactMultinomial } from '@openbox/logistic';
import { MESSAGES } from '../messages.js';
import {
  discardLrTemplatesCache,
  inspectLrTemplatesCache,
  writeLrTemplatesCache,
} from './lr-templates-cache.js';

/** Bumped when the recipe below changes: older caches are refitted. */
export const LR_TEMPLATES_VERSION = 3;
/** The 8,000 training digits are linearly separable in pixel space: the unpenalized MLE does not exist. */
export const LR_TEMPLATE_L2 = 10;
const MAX_ITERATIONS = 600;
/** ‖∇‖₂ of the summed penalized log-loss over the 8,000 rows at which L-BFGS stops. */
export const LR_GRADIENT_TOLERANCE = 1e-3;

/**
 * One template per class over the image's pixels (`d = h·w·c`, MNIST's ten 28×28 digits cached) and intercepts:
 * class scores are `intercepts[k] + Σ_j weights[k·d + j]·x_j`; the class count is `intercepts.length`.
 */
export interface LrTemplates {
  readonly version: number;
  /** `[classes, d]` row-major; 0 for pixels constant over the training rows. */
  readonly weights: number[];
  readonly intercepts: number[];
  readonly l2: number;
  readonly rows: number;
  readonly varyingPixels: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly gradientNorm: number;
}

/** Pixels that vary over `data` (a constant pixel's weight is 0 under L2, and not identifiable without it). */
function varyingPixels(data: Dataset, rows: number, pixels: number): number[] {
  const kept: number[] = [];
  for (let j = 0; j < pixels; j++) {
    const first = data.features[j]!;
    for (let i = 1; i < rows; i++) {
      if (data.features[i * pixels + j] !== first) {
        kept.push(j);
        break;
      }
    }
  }
  return kept;
}

/** Pixels per image of an `[n, h, w, c]` (or `[n, d]`) dataset. */
const pixelsOf = (data: Dataset): number => data.shape.slice(1).reduce((a, b) => a * b, 1);

/**
 * The templates of any image training set (`[n, h, w, c]`, classes `train.classNames`), by the MNIST recipe: exact
 * multinomial logistic regression in float64 (L-BFGS, L2 = {@link LR_TEMPLATE_L2} on the summed log-loss, to
 * ‖∇‖ ≤ {@link LR_GRADIENT_TOLERANCE} or 600 iterations) on the pixels that vary over the rows; constant pixels get 0.
 * Every row is used, so the baseline sees exactly the images the CNN under study is compared on.
 * @example const lr = fitLrTemplates(setup.train); lrTemplateAccuracy(lr, setup.test)
 */
export function fitLrTemplates(train: Dataset): LrTemplates {
  const rows = train.shape[0]!;
  const pixels = pixelsOf(train);
  const kept = varyingPixels(train, rows, pixels);
  const features = new Float32Array(rows * kept.length);
  for (let i = 0; i < rows; i++)
    kept.forEach((j, c) => (features[i * kept.length + c] = train.features[i * pixels + j]!));
  const result = fitExactMultinomial(
    {
      features,
      shape: [rows, kept.length],
      target: train.target.subarray(0, rows),
      classNames: train.classNames,
    },
    {
      l2: LR_TEMPLATE_L2,
      method: 'lbfgs',
      maxIterations: MAX_ITERATIONS,
      gradientTolerance: LR_GRADIENT_TOLERANCE,
    },
  );
  const weights = new Array<number>(result.numClasses * pixels).fill(0);
  for (let k = 0; k < result.numClasses; k++)
    kept.forEach((j, c) => (weights[k * pixels + j] = result.coefficients[k * kept.length + c]!));
  return {
    version: LR_TEMPLATES_VERSION,
    weights,
    intercepts: Array.from(result.intercepts),
    l2: LR_TEMPLATE_L2,
    rows,
    varyingPixels: kept.length,
    iterations: result.iterations,
    converged: result.converged,
    gradientNorm: result.gradientNorm,
  };
}

/**
 * The MNIST logistic-regression templates: read from `<cacheDir>/models/mnist-lr/templates.json` when it matches the
 * size and SHA-256 in the `meta.json` beside it and holds 10 × 784 finite weights of the current recipe; else fitted
 * (exact L-BFGS in float64 on the 8,000 training digits, L2 = 10, to ‖∇‖ ≤ 1e-3; measured 379 s on 2 cores while other jobs ran, load 13) and cached
 * atomically (templates.json, then meta.json). A damaged cache is reported in one line on stderr, removed and refitted.
 * @example const { weights, intercepts } = loadLrTemplates(cacheDir);
 */
export function loadLrTemplates(cacheDir: string): LrTemplates {
  const dir = join(cacheDir, 'models', 'mnist-lr');
  // 1. Try the cache.
  const state = inspectLrTemplatesCache(dir, LR_TEMPLATES_VERSION);
  if (state.kind === 'hit') return state.templates;
  if (state.kind === 'damaged') console.warn(MESSAGES.damagedLrTemplates(dir, state.reason));
  if (state.kind !== 'missing') discardLrTemplatesCache(dir);
  // 2. Fit on every training digit the reference CNN learns from (the two models see the same rows), and cache.
  const templates = fitLrTemplates(loadMnist({ seed: 0 }).train);
  writeLrTemplatesCache(dir, templates);
  return templates;
}

/** Accuracy (argmax of the class scores) of the templates on a dataset of images of their size. */
export function lrTemplateAccuracy(templates: LrTemplates, data: Dataset): number {
  const n = data.shape[0]!;
  const classes = templates.intercepts.length;
  const pixels = templates.weights.length / classes;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let k = 0; k < classes; k++) {
      let score = templates.intercepts[k]!;
      for (let j = 0; j < pixels; j++)
        score += templates.weights[k * pixels + j]! * data.features[i * pixels + j]!;
      if (score > bestScore) [best, bestScore] = [k, score];
    }
    if (best === data.target[i]) correct++;
  }
  return correct / n;
}
