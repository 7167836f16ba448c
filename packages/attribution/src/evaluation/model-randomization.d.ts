/**
 * Adebayo et al. 2018, "Sanity checks for saliency maps", §3.1: cascading model randomization. The layers with
 * weights are re-initialized one more at a time from the output down (`cascadingRandomization`, seeded); at each
 * step the same inputs and targets are explained again and compared with the trained model's maps (Spearman's ρ of
 * |Φ| and of Φ, SSIM of normalized |Φ|). A method whose maps survive the cascade (ρ stays high) does not depend on
 * what the model learned: it fails the check.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { type MapSimilarity } from './compare-maps.js';
import { type EvaluationOptions, type Explainer } from './explainer.js';
/** Options of {@link modelRandomization} and `dataRandomization`. */
export interface RandomizationOptions extends EvaluationOptions {
  /** Seed of the redrawn weights (`cascadingRandomization`). Default 0. */
  readonly seed?: number;
  /** The method passes when the mean ρ of |Φ| at the end is below this. Default 0.5. */
  readonly threshold?: number;
}
/** One step of the cascade: `layer` and every layer above it redrawn. */
export interface RandomizationRow extends MapSimilarity {
  readonly layer: string;
}
/** What {@link modelRandomization} returns. */
export interface ModelRandomizationResult {
  /** Trained model against itself (1 for a deterministic method): the ceiling the rows fall from. */
  readonly reference: MapSimilarity;
  /** One row per cascade step, top layer first; the last has every layer redrawn. */
  readonly rows: readonly RandomizationRow[];
  readonly summary: {
    /** Mean ρ of |Φ| and SSIM after the full cascade. */
    readonly finalRankAbs: number;
    readonly finalSsim: number;
    readonly threshold: number;
    /** finalRankAbs < threshold: the maps depend on the learned weights. */
    readonly passes: boolean;
  };
}
/**
 * Runs the cascade and compares maps; every randomized copy is disposed, and nothing else is left.
 * @example const { rows, summary } = modelRandomization(cnn, digits, saliency, { targets: [3, 7], seed: 1 });
 */
export declare function modelRandomization(
  model: tfl.LayersModel,
  inputs: tf.Tensor,
  explainer: Explainer,
  options: RandomizationOptions,
): ModelRandomizationResult;
//# sourceMappingURL=model-randomization.d.ts.map
