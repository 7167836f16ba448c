/** One model's first-layer filters against their closed-form optima (derived) and their top real patches (measured). */
import type * as tfl from '@tensorflow/tfjs-layers';
import {
  firstConvKernels,
  maxActivatingPatches,
  pearson,
  topActivatingPatches,
  type TopPatchesReport,
} from '@openbox/cnn-vis';

/** One filter's numbers. */
export interface FilterMatch {
  readonly filter: number;
  /** Derived from the weights alone: Pearson r of the [0,1]-box optimum 1[w > 0] with w. */
  readonly boxOptimumCorrelation: number;
  /** Derived: Pearson r of the L2-ball optimum w/‖w‖ with w — 1 by construction (0 for an all-zero filter). */
  readonly l2OptimumCorrelation: number;
  /** Measured: mean Pearson r of the filter's top real patches with its box optimum 1[w > 0]. */
  readonly topBoxCorrelation: number;
  /** Measured: mean Pearson r of the filter's top real patches with the filter w itself. */
  readonly topFilterCorrelation: number;
}

/** Every filter's numbers, their means, and the patches they came from. */
export interface ModelMatches {
  readonly layer: string;
  readonly filters: readonly FilterMatch[];
  readonly meanBoxOptimumCorrelation: number;
  readonly meanL2OptimumCorrelation: number;
  readonly meanTopBoxCorrelation: number;
  readonly meanTopFilterCorrelation: number;
  readonly top: TopPatchesReport;
  /** Each filter's box optimum 1[w > 0], as `maxActivatingPatches` derives it. */
  readonly boxOptima: readonly Float32Array[];
  /** Each filter's weights w (`[kh, kw, cin]` row-major). */
  readonly weights: readonly Float32Array[];
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * For the first conv layer of `model`: (1) the closed-form optima of every filter (`maxActivatingPatches`: 1[w > 0]
 * over the [0,1] box, w/‖w‖ over the L2 ball) and their correlation with w — arithmetic on the weights, no data;
 * (2) the top `k` real patches of every filter on `images` (`topActivatingPatches`: one best patch per image) and
 * their mean Pearson correlation (`pearson`, 0 when a side is constant) with 1[w > 0] and with w. `images` are `n`
 * images of `imageShape` (default MNIST's 28×28×1). Under another pixel box [lo, hi] (`--scale -1-1`) the box optimum
 * is lo + (hi − lo)·1[w > 0], an affine map of 1[w > 0], so every correlation is the same.
 * @example filterMatches(model, test.features.subarray(0, 500 * 784), 500, 16).meanTopBoxCorrelation
 */
export function filterMatches(
  model: tfl.LayersModel,
  images: Float32Array,
  n: number,
  k: number,
  imageShape: readonly [number, number, number] = [28, 28, 1],
): ModelMatches {
  // 1. Derived: the closed-form optima and the weights.
  const kernels = firstConvKernels(model, 'max-patch-vs-filter');
  const derived = maxActivatingPatches(model);
  const [kh, kw, cin, cout] = kernels.shape;
  const d = kh * kw * cin;
  const weights = Array.from({ length: cout }, (_, f) =>
    Float32Array.from({ length: d }, (_, i) => kernels.kernel[i * cout + f]!),
  );
  // 2. Measured: the top real patches and how well they match.
  const top = topActivatingPatches(kernels, images, [n, ...imageShape], { k });
  const filters = top.filters.map((t, f): FilterMatch => {
    const patch = (j: number) => t.patches.subarray(j * d, (j + 1) * d);
    const box = derived.patches[f]!.boxPatch;
    const each = (target: Float32Array) =>
      mean(Array.from({ length: k }, (_, j) => pearson(patch(j), target)));
    return {
      filter: f,
      boxOptimumCorrelation: derived.patches[f]!.boxCorrelation,
      l2OptimumCorrelation: derived.patches[f]!.l2Correlation,
      topBoxCorrelation: each(box),
      topFilterCorrelation: each(weights[f]!),
    };
  });
  return {
    layer: kernels.layer,
    filters,
    meanBoxOptimumCorrelation: mean(filters.map((f) => f.boxOptimumCorrelation)),
    meanL2OptimumCorrelation: mean(filters.map((f) => f.l2OptimumCorrelation)),
    meanTopBoxCorrelation: mean(filters.map((f) => f.topBoxCorrelation)),
    meanTopFilterCorrelation: mean(filters.map((f) => f.topFilterCorrelation)),
    top,
    boxOptima: derived.patches.map((p) => p.boxPatch),
    weights,
  };
}
