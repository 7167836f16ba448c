/**
 * Shapley value sampling (Štrumbelj & Kononenko 2014; Captum's `ShapleyValueSampling`): for each of `samples`
 * random permutations of the d features, start from the baseline and add the features one at a time in that order;
 * feature j's attribution is the mean over permutations of its marginal contribution f(S ∪ {j}) − f(S), given to
 * each of its pixels. Every permutation telescopes to f(x) − f(baseline), so Σ_j φ_j = f(x) − f(baseline) exactly
 * for any sample count. The empty and the full coalition are scored once and shared by all permutations; all
 * 2 + samples·(d − 1) coalitions of all inputs go through the model in batches. As Captum, one set of permutations
 * serves every input of the batch. Differences from Captum: the default mask is a grid of 4-pixel cells (Captum:
 * every scalar a feature).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@openbox/runtime';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import { checkPositiveInteger, checkSeed, prepare, type ModelLike } from '../core/prepare.js';
import { resolveMaskAndBaselines, type MaskOptions } from './feature-mask.js';
import { perFeatureLookup, perturbedValues, spreadOverFeatures } from './perturbed-values.js';

/** Options of {@link shapleySampling}. */
export interface ShapleySamplingOptions extends MaskOptions {
  /** Random permutations (Captum's `n_samples`). Default 25, as Captum. */
  readonly samples?: number;
  /** Seed of the permutations. Default 0. */
  readonly seed?: number;
}

const FN = 'shapley-sampling';

/**
 * @example const { attributions } = shapleySampling.attribute(model, digits, { targets: 3, samples: 50, seed: 1 });
 */
export const shapleySampling: AttributionMethod<ShapleySamplingOptions> = {
  name: 'shapley-sampling',
  info: {
    description:
      'Mean marginal contribution f(S ∪ {j}) − f(S) of each mask feature over random permutations (Štrumbelj & Kononenko 2014).',
    family: 'perturbation',
    multipliesByInputs: false,
    hasConvergenceDelta: false,
    needsBaseline: true,
    needsLayer: false,
    stochastic: true,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & ShapleySamplingOptions) {
    // 1. Check and resolve the options.
    const { adapter, n, targets, batchSize } = prepare(FN, model, inputs, options);
    const samples = checkPositiveInteger(FN, 'options.samples', options.samples ?? 25);
    const seed = checkSeed(FN, options.seed);
    const rng = createRng(seed);
    const { ids, d, baselines } = resolveMaskAndBaselines(FN, inputs, options);
    // 2. Coalitions: row 0 empty, row 1 full, then each permutation's d − 1 proper prefixes; row k keeps the features
    //    whose rank in permutation `perm[k]` is below `size[k]` (memory O(samples · d), not O(samples · d²)).
    //    `after[s·d + t]` is the row once t + 1 features of permutation s are in, `before[s·d + t]` the row before,
    //    and `added[s·d + t]` the feature that step adds.
    const count = 2 + samples * (d - 1);
    const ranks = new Int32Array(samples * d);
    const perm = new Int32Array(count);
    const size = new Int32Array(count);
    size[1] = d;
    const [before, after, added] = [0, 1, 2].map(() => new Int32Array(samples * d)) as [
      Int32Array,
      Int32Array,
      Int32Array,
    ];
    for (let s = 0; s < samples; s++) {
      const order = rng.shuffle(Array.from({ length: d }, (_, j) => j));
      order.forEach((j, t) => {
        const row = 2 + s * (d - 1) + t;
        ranks[s * d + j] = t;
        if (t < d - 1) [perm[row], size[row]] = [s, t + 1];
        [before[s * d + t], after[s * d + t], added[s * d + t]] = [
          t === 0 ? 0 : row - 1,
          t === d - 1 ? 1 : row,
          j,
        ];
      });
    }
    // 3. Score every coalition of every input; average the marginal contributions per feature.
    const attributions = tf.tidy(() => {
      const rankTable = tf.tensor2d(ranks, [samples, d], 'int32');
      const [permT, sizeT] = [tf.tensor1d(perm, 'int32'), tf.tensor1d(size, 'int32')];
      const keep = (k: tf.Tensor1D, owners: tf.Tensor1D) =>
        tf.cast(
          tf.less(
            perFeatureLookup(rankTable, tf.gather(permT, k), ids, owners),
            tf.reshape(tf.gather(sizeT, k), [-1, 1]),
          ),
          'float32',
        ) as tf.Tensor2D;
      const v = perturbedValues(adapter, inputs, baselines, count, keep, targets, batchSize);
      const gains = tf.sub(
        tf.gather(v, tf.tensor1d(after, 'int32'), 1),
        tf.gather(v, tf.tensor1d(before, 'int32'), 1),
      );
      const sums = tf.unsortedSegmentSum(tf.transpose(gains), tf.tensor1d(added, 'int32'), d);
      const phi = tf.div(tf.transpose(sums), samples) as tf.Tensor2D;
      return spreadOverFeatures(phi, ids, inputs.shape);
    });
    [ids, baselines].forEach((t) => t.dispose());
    return { attributions };
  },
};
