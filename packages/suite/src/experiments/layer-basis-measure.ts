/** `measureLayerBasis`: interpretability proxies of a layer's channels and of random directions, for one network. */
import type { ImageModel } from '@openbox/cnn-vis';
import type { Dataset } from '@openbox/datasets';
import { directionInterpretability, type DirectionScore } from './direction-interpretability.js';
import { pooledLayerActivations } from './pooled-layer-activations.js';
import { basisDirections } from './random-unit-directions.js';

/** The scores of one network's layer: one per channel and one per random direction, in order. */
export interface LayerBasisScores {
  readonly channels: readonly DirectionScore[];
  readonly random: readonly DirectionScore[];
}

/**
 * The first `count` images of `data` through `adapter`, `layer` max-pooled over positions; then for each channel
 * (basis vector) and each of `random` (unit vectors of the same dimension) the class purity and visual coherence of
 * its top-`k` images ({@link directionInterpretability}).
 * @example measureLayerBasis(adapter, test, 'conv2', 1000, randomUnitDirections(rng, 32, 32), 20)
 */
export function measureLayerBasis(
  adapter: ImageModel,
  data: Dataset,
  layer: string,
  count: number,
  random: readonly Float64Array[],
  k: number,
): LayerBasisScores {
  const acts = pooledLayerActivations(adapter, data, layer, count);
  const pixels = data.features.length / data.shape[0]!;
  const score = (directions: readonly Float64Array[]) =>
    directionInterpretability(acts, directions, data.target, data.features, pixels, k);
  return { channels: score(basisDirections(acts.channels)), random: score(random) };
}
