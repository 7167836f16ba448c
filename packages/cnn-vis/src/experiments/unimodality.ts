/** Erhan et al. 2009's unimodality claim as a measurement: N random starts → N optima → how alike are they? */
import type { Dataset } from '@openbox/datasets';
import { createRng } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
import type { ModelAdapter } from '../model/model-adapter.js';
import { renderUnits } from '../render/render-units.js';
import type { RenderOptions } from '../render/render-options.js';
import { pairwiseCorrelation } from './similarity.js';
import { checkImages, unitObjective, unitValues, type Unit } from './unit.js';

/** Options for {@link unimodality}. */
export interface UnimodalityOptions extends Omit<RenderOptions, 'batchSize'> {
  /** Random initializations (= dataset images in the baseline). Default 8. */
  readonly starts?: number;
  /** Steps per optimization. Default 256. */
  readonly steps?: number;
  /** Mean pairwise correlation the optima must reach, above the baseline, to call the unit unimodal. Default 0.5. */
  readonly threshold?: number;
}

/** Numbers and verdict. */
export interface UnimodalityReport {
  readonly unit: Unit;
  readonly starts: number;
  /** Pairwise Pearson correlation among the N optimized images. */
  readonly optimizedSimilarity: { readonly mean: number; readonly min: number };
  /** Same statistic for N random dataset images (seeded pick). */
  readonly baselineSimilarity: { readonly mean: number; readonly min: number };
  /** Activation reached per start (on the untransformed final image), and its coefficient of variation. */
  readonly activations: Float32Array;
  readonly activationCv: number;
  /** Mean activation of the baseline images. */
  readonly baselineActivation: number;
  readonly verdict: 'unimodal' | 'not-unimodal';
  readonly summary: string;
  /** The optimized images `[N, h, w, c]`, for drawing elsewhere. */
  readonly images: Float32Array;
}

/**
 * Optimizes `unit` from `starts` random initializations (one batch, each item its own start), then compares the
 * optima's pairwise correlation with that of as many random dataset images (Erhan et al. 2009 found the optima of
 * deep-belief-net units consistent across starts). Verdict `unimodal` when the optima correlate at least `threshold`
 * on average, more than the baseline, and reach activations within 10% of each other (CV < 0.1).
 * @example unimodality(adapter, { layer: 'conv2', channel: 3 }, test, { starts: 8, steps: 256, seed: 1 })
 */
export function unimodality(
  adapter: ModelAdapter,
  unit: Unit,
  data: Dataset,
  options: UnimodalityOptions = {},
): UnimodalityReport {
  // 1. Options.
  checkImages('unimodality', adapter, data);
  const starts = options.starts ?? 8;
  if (!Number.isInteger(starts) || starts < 2)
    throw new Error(MESSAGES.tooFewImages('unimodality', 'starts', 2, starts));
  const threshold = options.threshold ?? 0.5;
  const seed = options.seed ?? 0;
  const [h, w, c] = adapter.inputShape;
  const size = h * w * c;
  // 2. N optima in one batch.
  const result = renderUnits(adapter, unitObjective(unit), {
    ...options,
    steps: options.steps ?? 256,
    batchSize: starts,
    seed,
  });
  const optimizedSimilarity = pairwiseCorrelation(result.images, starts, size);
  const acts = result.finalValues;
  const mean = acts.reduce((a, b) => a + b, 0) / starts;
  const sd = Math.sqrt(acts.reduce((a, b) => a + (b - mean) ** 2, 0) / starts);
  const activationCv = Math.abs(sd / mean);
  // 3. Baseline: N random dataset images.
  const rng = createRng(seed).fork('unimodality-baseline');
  const picks = rng.shuffle(Array.from({ length: data.shape[0]! }, (_, i) => i)).slice(0, starts);
  const baseline = new Float32Array(starts * size);
  picks.forEach((p, i) => baseline.set(data.features.subarray(p * size, (p + 1) * size), i * size));
  const baselineSimilarity = pairwiseCorrelation(baseline, starts, size);
  const baselineActs = unitValues(adapter, unit, baseline, starts);
  const baselineActivation = baselineActs.reduce((a, b) => a + b, 0) / starts;
  // 4. Verdict.
  const unimodal =
    optimizedSimilarity.mean >= threshold &&
    optimizedSimilarity.mean > baselineSimilarity.mean &&
    activationCv < 0.1;
  const summary =
    `${starts} optima of ${unit.layer}:${unit.channel} correlate ${optimizedSimilarity.mean.toFixed(3)} on average ` +
    `(min ${optimizedSimilarity.min.toFixed(3)}) vs ${baselineSimilarity.mean.toFixed(3)} for ${starts} random digits; ` +
    `activations ${mean.toFixed(3)} ± ${sd.toFixed(3)} (CV ${activationCv.toFixed(3)}) vs ${baselineActivation.toFixed(3)} on the digits.`;
  return {
    unit,
    starts,
    optimizedSimilarity,
    baselineSimilarity,
    activations: acts,
    activationCv,
    baselineActivation,
    verdict: unimodal ? 'unimodal' : 'not-unimodal',
    summary,
    images: result.images,
  };
}
