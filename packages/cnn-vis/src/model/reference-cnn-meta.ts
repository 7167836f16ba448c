/** The reference CNN's sidecar `meta.json`: its type and the constants a cached copy is checked against. */
import type { CachedFiles } from '@openbox/runtime';
import type { CnnRecipe } from './cnn-recipe.js';

/** Bumped whenever the architecture, data split or training recipe changes: older caches are retrained. */
export const REFERENCE_CNN_VERSION = 1;
/** The accuracy the reference CNN (recipe `standard`) must reach on the MNIST test split. */
export const MIN_TEST_ACCURACY = 0.98;
/** Training epochs of the reference CNN. */
export const DEFAULT_EPOCHS = 10;

/** What training measured: every field of {@link ReferenceCnnMeta} but the files record. */
export interface TrainedReferenceCnnMeta {
  readonly version: number;
  /** The training recipe; absent in caches written before recipes (= `standard`). */
  readonly recipe?: CnnRecipe;
  readonly seed: number;
  readonly epochs: number;
  readonly inputShape: readonly number[];
  readonly classes: number;
  readonly testAccuracy: number;
  readonly trainSamples: number;
  readonly testSamples: number;
  readonly trainSeconds: number;
  readonly backend: string;
  readonly trainedAt: string;
}

/** Sidecar `meta.json` stored next to `model.json`. */
export interface ReferenceCnnMeta extends TrainedReferenceCnnMeta {
  /** Size and SHA-256 of `model.json` and `weights.bin`, verified on every load. */
  readonly files: CachedFiles;
}
