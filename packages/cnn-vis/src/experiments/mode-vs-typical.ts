/** DeltaIV's objection as a measurement: the optimized image (a mode) vs the best and the typical real image. */
import type { Dataset } from '@openbox/datasets';
import type { ModelAdapter } from '../model/model-adapter.js';
import { renderUnits } from '../render/render-units.js';
import type { RenderOptions } from '../render/render-options.js';
import { euclidean } from './similarity.js';
import { checkImages, unitObjective, unitValues, type Unit } from './unit.js';

/** Options for {@link modeVsTypical}. */
export interface ModeVsTypicalOptions extends Omit<RenderOptions, 'batchSize'> {
  /** Dataset images to compare with (the first `limit` rows). Default 2000. */
  readonly limit?: number;
  /** Real images whose nearest-neighbour distance defines "typical". Default 100. */
  readonly probes?: number;
  /** Steps. Default 256. */
  readonly steps?: number;
}

/** Numbers and verdict. */
export interface ModeVsTypicalReport {
  readonly unit: Unit;
  readonly optimizedActivation: number;
  readonly bestRealActivation: number;
  readonly bestRealIndex: number;
  /** Median activation over the compared real images. */
  readonly medianRealActivation: number;
  /** L2 distance from the optimized image to its nearest real image, and that image's row. */
  readonly nearestRealDistance: number;
  readonly nearestRealIndex: number;
  /** Median L2 distance from a real image to its nearest other real image. */
  readonly typicalNearestDistance: number;
  readonly verdict: 'mode-is-atypical' | 'mode-is-typical';
  readonly summary: string;
  /** The optimized image `[1, h, w, c]`. */
  readonly image: Float32Array;
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : s.length % 2 === 1
      ? s[(s.length - 1) / 2]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Optimizes `unit` once and asks whether the result is a typical sample: its activation vs the best real image's,
 * and its distance to the nearest real image vs how close real images are to each other. Verdict `mode-is-atypical`
 * when it beats every real image's activation and lies farther from the data than real images lie from each other
 * (the mode of a high-dimensional distribution need not look like its samples).
 * @example modeVsTypical(adapter, { layer: 'logits', channel: 3 }, test, { steps: 256, seed: 0 })
 */
export function modeVsTypical(
  adapter: ModelAdapter,
  unit: Unit,
  data: Dataset,
  options: ModeVsTypicalOptions = {},
): ModeVsTypicalReport {
  // 1. The optimized image.
  checkImages('modeVsTypical', adapter, data);
  const [h, w, c] = adapter.inputShape;
  const size = h * w * c;
  const n = Math.min(options.limit ?? 2000, data.shape[0]!);
  const result = renderUnits(adapter, unitObjective(unit), {
    ...options,
    steps: options.steps ?? 256,
    batchSize: 1,
  });
  const image = result.images;
  // 2. Real images: activations, nearest neighbours.
  const real = data.features.subarray(0, n * size);
  const acts = unitValues(adapter, unit, real, n);
  let bestRealIndex = 0;
  for (let i = 1; i < n; i++) if (acts[i]! > acts[bestRealIndex]!) bestRealIndex = i;
  let nearestRealDistance = Infinity;
  let nearestRealIndex = 0;
  for (let i = 0; i < n; i++) {
    const d = euclidean(image, real.subarray(i * size, (i + 1) * size));
    if (d < nearestRealDistance) ((nearestRealDistance = d), (nearestRealIndex = i));
  }
  const probes = Math.min(options.probes ?? 100, n);
  const nn: number[] = [];
  for (let p = 0; p < probes; p++) {
    const probe = real.subarray(p * size, (p + 1) * size);
    let best = Infinity;
    for (let i = 0; i < n; i++)
      if (i !== p) best = Math.min(best, euclidean(probe, real.subarray(i * size, (i + 1) * size)));
    nn.push(best);
  }
  const typicalNearestDistance = median(nn);
  // 3. Verdict.
  const optimizedActivation = result.finalValues[0]!;
  const bestRealActivation = acts[bestRealIndex]!;
  const atypical = optimizedActivation > bestRealActivation && nearestRealDistance > typicalNearestDistance;
  const summary =
    `Optimized ${unit.layer}:${unit.channel} reaches ${optimizedActivation.toFixed(3)} vs ${bestRealActivation.toFixed(3)} for the best of ` +
    `${n} real images (median ${median([...acts]).toFixed(3)}); it lies ${nearestRealDistance.toFixed(2)} from the nearest real image, ` +
    `where real images lie ${typicalNearestDistance.toFixed(2)} from their nearest neighbour (median).`;
  return {
    unit,
    optimizedActivation,
    bestRealActivation,
    bestRealIndex,
    medianRealActivation: median([...acts]),
    nearestRealDistance,
    nearestRealIndex,
    typicalNearestDistance,
    verdict: atypical ? 'mode-is-atypical' : 'mode-is-typical',
    summary,
    image,
  };
}
