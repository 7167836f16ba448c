/** DeltaIV's objection as a measurement: a unit's optimum (a mode) vs the real images, by activation and by density. */
import type { Dataset } from '@openbox/datasets';
import type { ImageModel } from '@openbox/runtime';
import { renderUnits } from '../render/render-units.js';
import type { RenderOptions } from '../render/render-options.js';
import { pcaLogDensity, type PcaDensity } from './pca-density.js';
import { bandQuantile, percentileInBand, typicalityBand } from './typicality-band.js';
import { checkImages, unitObjective, unitValues, type Unit } from './unit.js';

/** Options for {@link modeVsTypical}. */
export interface ModeVsTypicalOptions extends Omit<RenderOptions, 'batchSize'> {
  /** The density of real images that measures typicality (e.g. {@link fitPcaDensity} on training digits). */
  readonly density: PcaDensity;
  /** Real images to compare with: the first `limit` rows of the dataset. Default 2000. */
  readonly limit?: number;
  /** Optimization steps. Default 256. */
  readonly steps?: number;
}

/** The optimum's activation and typicality beside the real images'. */
export interface ModeVsTypicalReport {
  readonly unit: Unit;
  /** Real images compared (the first rows of the dataset). */
  readonly realImages: number;
  /** The unit on the optimum (final, untransformed image). */
  readonly optimizedActivation: number;
  /** The unit's largest value on a real image, and that image's row. */
  readonly bestRealActivation: number;
  readonly bestRealIndex: number;
  readonly medianRealActivation: number;
  /** log p(optimum) under the density (nats). */
  readonly logDensity: number;
  /** The percentage of real images with a lower log-density (0: below every one). */
  readonly percentile: number;
  /** The real images' 1st percentile and median log-density: the lower edge and the middle of "typical". */
  readonly realLogDensityP1: number;
  readonly realLogDensityMedian: number;
  /** The optimized image `[1, h, w, c]`. */
  readonly image: Float32Array;
}

const median = (values: Float32Array): number => {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

/**
 * Optimizes `unit` once (`renderUnits`, batch of 1) and measures whether the optimum is a typical sample: its
 * activation against every real image's, and its log-density under `density` as a percentile of the real images'
 * log-densities. The mode of a high-dimensional distribution need not look like its samples: an optimum that beats
 * every real image and lies below the 1st percentile of their density is a mode, not a typical sample. This reports
 * the numbers; callers judge them (the suite's `mode-vs-typical` against its controls).
 * @example modeVsTypical(adapter, { layer: 'logits', channel: 3 }, test, { density, steps: 256, seed: 0 })
 */
export function modeVsTypical(
  adapter: ImageModel,
  unit: Unit,
  data: Dataset,
  options: ModeVsTypicalOptions,
): ModeVsTypicalReport {
  // 1. The optimized image.
  checkImages('modeVsTypical', adapter, data);
  const [h, w, c] = adapter.inputShape;
  const size = h * w * c;
  const n = Math.min(options.limit ?? 2000, data.shape[0]!);
  const { density, limit: _limit, ...render } = options;
  const result = renderUnits(adapter, unitObjective(unit), {
    ...render,
    steps: options.steps ?? 256,
    batchSize: 1,
  });
  // 2. The real images: the unit's values, and the band of their log-densities.
  const real = data.features.subarray(0, n * size);
  const acts = unitValues(adapter, unit, real, n);
  let bestRealIndex = 0;
  for (let i = 1; i < n; i++) if (acts[i]! > acts[bestRealIndex]!) bestRealIndex = i;
  const band = typicalityBand(density, real, n);
  // 3. The optimum in that band.
  const logDensity = pcaLogDensity(density, result.images, 1)[0]!;
  return {
    unit,
    realImages: n,
    optimizedActivation: result.finalValues[0]!,
    bestRealActivation: acts[bestRealIndex]!,
    bestRealIndex,
    medianRealActivation: median(acts),
    logDensity,
    percentile: percentileInBand(band, logDensity),
    realLogDensityP1: bandQuantile(band, 0.01),
    realLogDensityMedian: bandQuantile(band, 0.5),
    image: result.images,
  };
}
