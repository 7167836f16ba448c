/** `readabilityProfile`: per conv layer, how much of the optimized activation the weights-alone image reaches. */
import type { LayerInfo, ImageModel } from '@openbox/cnn-vis';
import { createRng } from '@openbox/runtime';
import { layerReadability, type LayerReadings } from './layer-readability.js';

/** Random-image draws per unit (each draw is one control of the random-image null). */
export const RANDOM_DRAWS = 3;
/** First-layer channels read (all of the reference's conv1). */
export const FIRST_LAYER_CHANNELS = 16;

/** How much is measured: optimization steps and the channels read in every layer after the first. */
export interface ReadabilityBudget {
  readonly steps: number;
  readonly deepChannels: number;
}

/** One layer's summary over its units. */
export interface LayerSummary {
  readonly layer: string;
  readonly units: number;
  /** Units whose optimized value stayed ≤ 0 (their ratio is undefined): left out of every mean below. */
  readonly notRaised: number;
  /** Mean over units of clip(weights-alone / optimized, 0, 1): the judged readability. */
  readonly readability: number;
  /** Mean of the unclipped ratio (> 1 where the weights-alone image beats the optimizer, as at a linear layer). */
  readonly rawRatio: number;
  /** Units whose ratio was clipped down to 1 / up to 0. */
  readonly clippedHigh: number;
  readonly clippedLow: number;
  /** Per draw: mean over units of clip(random / optimized, 0, 1). */
  readonly random: readonly number[];
}

/** The readings of every conv layer and their summaries. */
export interface ReadabilityProfile {
  readonly readings: readonly LayerReadings[];
  readonly summaries: readonly LayerSummary[];
}

const clip01 = (v: number) => Math.min(1, Math.max(0, v));
const mean = (values: readonly number[]) =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;

/** Readability = clip(a(weights-alone image) / a(optimized image), 0, 1) per unit, averaged over the layer's units. */
export function summarizeLayer(readings: LayerReadings): LayerSummary {
  const raised = readings.units.filter((u) => u.optimizedValue > 0);
  const ratios = raised.map((u) => u.weightsValue / u.optimizedValue);
  return {
    layer: readings.layer,
    units: readings.units.length,
    notRaised: readings.units.length - raised.length,
    readability: mean(ratios.map(clip01)),
    rawRatio: mean(ratios),
    clippedHigh: ratios.filter((r) => r > 1).length,
    clippedLow: ratios.filter((r) => r < 0).length,
    random: Array.from({ length: RANDOM_DRAWS }, (_, d) =>
      mean(raised.map((u) => clip01(u.randomValues[d]! / u.optimizedValue))),
    ),
  };
}

/**
 * The first {@link FIRST_LAYER_CHANNELS} channels of the first conv layer and the first `budget.deepChannels` of every
 * later one, each read by `layerReadability` at the centre of its map: the optimization is `renderUnits` with the
 * default Fourier/sigmoid parameterization in [0, 1], `budget.steps` Adam steps and no transforms (the unit's peak
 * at a fixed position is wanted, not a jitter-robust picture: with Lucid's transforms the optimizer stays 20–50%
 * below conv1's closed-form optimum, without them within 1% after 64 steps). Every layer's optimization seed and
 * random images come from `seed` alone, so the same seed reads the trained net and its controls alike.
 */
export function readabilityProfile(
  adapter: ImageModel,
  convLayers: readonly LayerInfo[],
  budget: ReadabilityBudget,
  seed: number,
): ReadabilityProfile {
  const rng = createRng(seed);
  const readings = convLayers.map((layer, i) => {
    const count = Math.min(i === 0 ? FIRST_LAYER_CHANNELS : budget.deepChannels, layer.channels);
    const channels = Array.from({ length: count }, (_, c) => c);
    const layerRng = rng.fork(`layer-${i}`);
    return layerReadability(
      adapter,
      layer,
      channels,
      { steps: budget.steps, seed: layerRng.tfSeed(), transforms: null },
      layerRng.fork('random-images'),
      RANDOM_DRAWS,
    );
  });
  return { readings, summaries: readings.map(summarizeLayer) };
}
