/** Erhan et al. 2009's unimodality claim as a measurement: N spread-out starts → N optima of a unit → how alike? */
import { createRng } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
import type { ImageModel } from '@openbox/runtime';
import { renderUnits } from '../render/render-units.js';
import { perItemTransforms, startsParam, uniformStarts } from './diverse-starts.js';
import { crossCorrelation, pairwiseCorrelation } from './similarity.js';
import { unitValues, type Unit } from './unit.js';
import { unitsObjective } from './units-objective.js';

/** Options for {@link unimodality}. */
export interface UnimodalityOptions {
  /** Starts (one optimum each). Default 8. */
  readonly starts?: number;
  /** Adam steps per optimization. Default 256. */
  readonly steps?: number;
  /** Adam learning rate on the pixel logits. Default 0.05. */
  readonly learningRate?: number;
  /** Seed of the starts (`createRng(seed).fork('unimodality-starts')`) and of the transform draws. Default 0. */
  readonly seed?: number;
  /** Other units of the unit's layer, optimized from the same starts: the cross-unit null. Default none. */
  readonly nullUnits?: readonly Unit[];
}

/** Mean and min of a set of Pearson correlations. */
export interface CorrelationSummary {
  readonly mean: number;
  readonly min: number;
}

/** Numbers of one unit. */
export interface UnimodalityReport {
  readonly unit: Unit;
  readonly starts: number;
  readonly steps: number;
  readonly seed: number;
  /** The starting images `[N, h, w, c]` (uniform noise) and their own pairwise correlation (≈ 0: diverse). */
  readonly startImages: Float32Array;
  readonly startSimilarity: CorrelationSummary;
  /** The unit's optima `[N, h, w, c]`, one per start, and their pairwise correlation (within-unit similarity). */
  readonly images: Float32Array;
  readonly withinUnit: CorrelationSummary;
  /** The unit's value on each optimum (untransformed) and on each start. */
  readonly activations: Float32Array;
  readonly startActivations: Float32Array;
  /** (max − min) / |max| of `activations`: 0 when every start reaches the same value. */
  readonly activationGap: number;
  /** The null units and their optima from the same starts (`[N, h, w, c]` each). */
  readonly nullUnits: readonly Unit[];
  readonly nullImages: readonly Float32Array[];
  /** Correlation of the unit's optimum from start s with a null unit's from start s′ ≠ s; undefined without null units. */
  readonly crossUnit: CorrelationSummary | undefined;
  readonly summary: string;
}

/** (max − min) / |max| (0 for a constant list). */
export function relativeGap(values: ArrayLike<number>): number {
  const list = Array.from(values);
  const max = Math.max(...list);
  const min = Math.min(...list);
  return max === min ? 0 : (max - min) / Math.abs(max);
}

/**
 * Optimizes `unit` (and each of `nullUnits`) from `starts` independent uniform-noise images (`uniformStarts`), in pixel
 * space (`startsParam`) with per-item transforms (`perItemTransforms`), all in one batch, and measures:
 * - within-unit similarity: mean pairwise Pearson correlation of the unit's N optima (Erhan et al. 2009 found the
 *   optima of deep-belief-net units alike across random starts);
 * - the cross-unit null: the same statistic between the unit's optimum from one start and a null unit's from another
 *   (if the unit's optima are no more alike than two different units', the likeness comes from the optimizer);
 * - the relative activation gap of the optima, and the starts' own similarity (how diverse they were).
 * No verdict: the caller judges the numbers against its controls.
 * @example unimodality(adapter, { layer: 'logits', channel: 3 }, { starts: 4, steps: 128, nullUnits: [{ layer: 'logits', channel: 5 }] })
 */
export function unimodality(
  adapter: ImageModel,
  unit: Unit,
  options: UnimodalityOptions = {},
): UnimodalityReport {
  // 1. Options and the starts.
  const starts = options.starts ?? 8;
  if (!Number.isInteger(starts) || starts < 2)
    throw new Error(MESSAGES.tooFewImages('unimodality', 'starts', 2, starts));
  const steps = options.steps ?? 256;
  const seed = options.seed ?? 0;
  const nullUnits = options.nullUnits ?? [];
  const [h, w, c] = adapter.inputShape;
  const size = h * w * c;
  const startImages = uniformStarts(starts, size, createRng(seed).fork('unimodality-starts'));
  // 2. Every unit from every start, in one batch: item k·N + s is unit k (0: the unit under study) from start s.
  const units = [unit, ...nullUnits];
  const batchStarts = new Float32Array(units.length * starts * size);
  units.forEach((_, k) => batchStarts.set(startImages, k * starts * size));
  const result = renderUnits(adapter, unitsObjective('unimodality', units, starts), {
    steps,
    seed,
    batchSize: units.length * starts,
    param: startsParam(batchStarts),
    transforms: perItemTransforms(Math.max(h, w), c),
    ...(options.learningRate === undefined ? {} : { learningRate: options.learningRate }),
  });
  const block = (k: number) => result.images.slice(k * starts * size, (k + 1) * starts * size);
  const images = block(0);
  const nullImages = nullUnits.map((_, k) => block(k + 1));
  // 3. The statistics.
  const activations = result.finalValues.slice(0, starts);
  const startActivations = unitValues(adapter, unit, startImages, starts);
  const withinUnit = pairwiseCorrelation(images, starts, size);
  const crossUnit = nullImages.length === 0 ? undefined : crossCorrelation(images, nullImages, starts, size);
  const activationGap = relativeGap(activations);
  const startSimilarity = pairwiseCorrelation(startImages, starts, size);
  const label = `${unit.layer}:${unit.channel}`;
  const f = (x: number) => x.toFixed(3);
  const summary =
    `${label}: ${starts} optima from uniform-noise starts (their own correlation ${f(startSimilarity.mean)}) correlate ` +
    `${f(withinUnit.mean)} on average (min ${f(withinUnit.min)})` +
    (crossUnit === undefined ? '' : `, optima of other units ${f(crossUnit.mean)}`) +
    `; activation gap ${f(activationGap)}.`;
  return {
    unit,
    starts,
    steps,
    seed,
    startImages,
    startSimilarity,
    images,
    withinUnit,
    activations,
    startActivations,
    activationGap,
    nullUnits,
    nullImages,
    crossUnit,
    summary,
  };
}
