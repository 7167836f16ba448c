/** Olah et al. 2017's diversity search: does a unit have clearly different optima of nearly the best activation? */
import { createRng } from '@openbox/runtime';
import type { ImageModel } from '@openbox/runtime';
import { diversity } from '../objectives/diversity.js';
import { scale, sum } from '../objectives/objective.js';
import { renderUnits } from '../render/render-units.js';
import { perItemTransforms, startsParam, uniformStarts } from './diverse-starts.js';
import { pairwiseCorrelation } from './similarity.js';
import { pearson } from '../first-layer/max-patch.js';
import { unitsObjective } from './units-objective.js';
import { unitValues, type Unit } from './unit.js';

/** Options for {@link diversitySearch}. */
export interface DiversitySearchOptions {
  /** The best activation the plain optimization reached: the yardstick of "near-optimal". */
  readonly best: number;
  /** Layer whose Gram matrices the diversity term pushes apart. */
  readonly diversityLayer: string;
  /** Diversity weight, relative to |best|: the term is `weight · |best| · diversity(layer)`. Default 0.5. */
  readonly weight?: number;
  /** An image is near-optimal when its activation ≥ best − gap·|best|. Default 0.1. */
  readonly gap?: number;
  /** Two near-optimal images are "clearly different" when their correlation is below this. */
  readonly differentBelow: number;
  /** Batch size (images searched together). Default 8. */
  readonly images?: number;
  /** Default 256. */
  readonly steps?: number;
  readonly learningRate?: number;
  /** Same seed as `unimodality`'s → the same starts and transform draws. Default 0. */
  readonly seed?: number;
}

/** What the search found. */
export interface DiversitySearchReport {
  readonly unit: Unit;
  /** `[B, h, w, c]` images and the unit's value on each (untransformed, without the diversity term). */
  readonly images: Float32Array;
  readonly activations: Float32Array;
  readonly best: number;
  readonly gap: number;
  readonly weight: number;
  readonly differentBelow: number;
  /** Indices of the images within the gap of `best`. */
  readonly nearOptimal: readonly number[];
  /** Lowest pairwise correlation among near-optimal images (undefined when fewer than 2). */
  readonly minNearCorrelation: number | undefined;
  /** Mean pairwise correlation of all the images. */
  readonly meanCorrelation: number;
  /** Two near-optimal images correlate below `differentBelow`: the unit has clearly different optima. */
  readonly multimodal: boolean;
}

/**
 * Maximizes `unit + weight·|best|·diversity(diversityLayer)` (Olah et al. 2017, "Feature Visualization", diversity:
 * minus the mean cosine similarity of the items' Gram matrices) over a batch started, like {@link unimodality}'s, from
 * uniform noise in pixel space with per-item transforms. `multimodal` when two images both reach
 * `best − gap·|best|` and correlate below `differentBelow` (then one image does not characterize the unit).
 * @example diversitySearch(adapter, { layer: 'logits', channel: 3 }, { best: 24, diversityLayer: 'conv1', differentBelow: 0.2 })
 */
export function diversitySearch(
  adapter: ImageModel,
  unit: Unit,
  options: DiversitySearchOptions,
): DiversitySearchReport {
  // 1. Options and starts.
  const n = options.images ?? 8;
  const weight = options.weight ?? 0.5;
  const gap = options.gap ?? 0.1;
  const seed = options.seed ?? 0;
  const { best, differentBelow } = options;
  const [h, w, c] = adapter.inputShape;
  const size = h * w * c;
  const starts = uniformStarts(n, size, createRng(seed).fork('unimodality-starts'));
  // 2. The unit plus the diversity term; the unit's own value is read on the final images.
  const objective = unitsObjective('diversitySearch', [unit], n);
  const result = renderUnits(
    adapter,
    sum(objective, scale(weight * Math.abs(best), diversity(options.diversityLayer))),
    {
      steps: options.steps ?? 256,
      seed,
      batchSize: n,
      param: startsParam(starts),
      transforms: perItemTransforms(Math.max(h, w), c),
      ...(options.learningRate === undefined ? {} : { learningRate: options.learningRate }),
    },
  );
  const images = result.images;
  const activations = unitValues(adapter, unit, images, n);
  // 3. Near-optimal images and how different they are.
  const floor = best - gap * Math.abs(best);
  const nearOptimal = Array.from(activations.keys()).filter((i) => activations[i]! >= floor);
  let minNear: number | undefined;
  for (const [a, i] of nearOptimal.entries())
    for (const j of nearOptimal.slice(a + 1)) {
      const r = pearson(images.subarray(i * size, (i + 1) * size), images.subarray(j * size, (j + 1) * size));
      minNear = minNear === undefined ? r : Math.min(minNear, r);
    }
  return {
    unit,
    images,
    activations,
    best,
    gap,
    weight,
    differentBelow,
    nearOptimal,
    minNearCorrelation: minNear,
    meanCorrelation: pairwiseCorrelation(images, n, size).mean,
    multimodal: minNear !== undefined && minNear < differentBelow,
  };
}
