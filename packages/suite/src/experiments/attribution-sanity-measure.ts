/** Adebayo et al. 2018's two sanity checks for one attribution method, measured against every control of the suite. */
import { requireLayersModel } from '@openbox/runtime';
import * as tf from '@tensorflow/tfjs-core';
import type { ImageModel } from '@openbox/cnn-vis';
import {
  compareMaps,
  explain,
  modelRandomization,
  similarityOf,
  type Explainer,
  type MapSimilarity,
} from './attribution-evaluation.js';

/** A method as the sanity experiment runs it: a name, the explainer and its (cheap) options. */
export interface SanityMethod {
  readonly label: string;
  readonly explainer: Explainer;
  readonly methodOptions?: object;
}

/** A model the maps of the model under study are compared with. */
export interface ComparedModel {
  readonly label: string;
  readonly adapter: ImageModel;
}

/** One method's similarities: to the judge, to each control, and along the cascade. */
export interface SanityMeasurement {
  readonly label: string;
  /** Similarity of the maps of the model under study and of the independently trained judge. */
  readonly judge: MapSimilarity;
  /** Similarity to each control, in the order given. */
  readonly controls: readonly { readonly label: string; readonly similarity: MapSimilarity }[];
  /** Cascading randomization from the top: one row per step (layer redrawn with every layer above it). */
  readonly cascade: readonly { readonly layer: string; readonly rankAbs: number; readonly ssim: number }[];
  /** The maps of the model under study, `[n, 28, 28, 1]` flattened (for the gallery). */
  readonly maps: Float32Array;
}

/**
 * Explains `images` (targets: `targets`, logits) with `method` under the model under study, the judge and each
 * control, compares the maps of the model under study with each (`compareMaps`: Spearman's ρ of |Φ|, SSIM of
 * normalized |Φ|), and runs the cascade (`modelRandomization`, seed `cascadeSeed`). Leaves no tensor behind.
 * @example measureSanity(saliencyMethod, reference, judge, controls, digits, labels, 0)
 */
export function measureSanity(
  method: SanityMethod,
  model: ImageModel,
  judge: ComparedModel,
  controls: readonly ComparedModel[],
  images: tf.Tensor4D,
  targets: readonly number[],
  cascadeSeed: number,
): SanityMeasurement {
  const n = images.shape[0];
  const owners = Int32Array.from({ length: n }, (_, i) => i);
  const options = { targets, methodOptions: method.methodOptions ?? {} };
  const others = [judge, ...controls];
  // 1. Maps of the model under study and of every compared model, compared on the spot; one read back.
  const { values, maps } = tf.tidy(() => {
    const own = explain('attributionSanity', method.explainer, model, images, owners, options);
    const rows = others.map((o) =>
      compareMaps(own, explain('attributionSanity', method.explainer, o.adapter, images, owners, options)),
    );
    return { values: tf.stack(rows).dataSync() as Float32Array, maps: own.dataSync() as Float32Array };
  });
  const sims = others.map((_, k) => similarityOf(values.subarray(k * 3 * n, (k + 1) * 3 * n), n));
  // 2. The cascade, top layer first.
  const cascade = modelRandomization(
    requireLayersModel(model, 'attribution-sanity-measure'),
    images,
    method.explainer,
    {
      ...options,
      seed: cascadeSeed,
    },
  ).rows.map((r) => ({ layer: r.layer, rankAbs: r.meanRankAbs, ssim: r.meanSsim }));
  return {
    label: method.label,
    judge: sims[0]!,
    controls: controls.map((c, k) => ({ label: c.label, similarity: sims[k + 1]! })),
    cascade,
    maps,
  };
}
