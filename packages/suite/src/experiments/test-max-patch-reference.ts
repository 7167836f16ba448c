/** Test helper, not built: max-patch-vs-filter's numbers recomputed in float64 from a model's first conv layer. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { pearson64 } from './test-cnn-reference.js';

/** `pearson64`, but 0 when either side is constant (as the experiment defines it; `pearson64` gives NaN there). */
export function pearsonOr0(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const r = pearson64(a, b);
  return Number.isNaN(r) ? 0 : r;
}

/** One model's recomputed means (over filters) and each filter's top patch images and responses. */
export interface MaxPatch64 {
  readonly topBox: number[];
  readonly topFilter: number[];
  readonly boxOptimum: number[];
  readonly topImages: number[][];
  readonly topResponses: number[][];
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
export const meanOf = mean;

/**
 * For the first layer (a `k × k × 1` Conv2D named by `layer`) of `model` on `n` 28×28 digits: each filter's response
 * Σ_{dy,dx} w[dy][dx]·x[y+dy][x+dx] + b at every 'valid' position, each digit's maximum (first position on a tie), the
 * `top` digits by it (lower row first on a tie); then mean r(patch, 1[w > 0]), mean r(patch, w) and r(1[w > 0], w).
 */
export function maxPatch64(
  model: tfl.LayersModel,
  layer: string,
  images: Float32Array,
  n: number,
  top: number,
): MaxPatch64 {
  const [kernelT, biasT] = model.getLayer(layer).getWeights();
  const kernel = Float64Array.from(kernelT!.dataSync());
  const bias = Float64Array.from(biasT!.dataSync());
  const [k, , , cout] = kernelT!.shape as number[];
  const side = 28 - k! + 1;
  const out: MaxPatch64 = { topBox: [], topFilter: [], boxOptimum: [], topImages: [], topResponses: [] };
  for (let f = 0; f < cout!; f++) {
    const w = Array.from({ length: k! * k! }, (_, p) => kernel[p * cout! + f]!);
    const box = w.map((v) => (v > 0 ? 1 : 0));
    const patchAt = (i: number, y: number, x: number) =>
      Array.from(
        { length: k! * k! },
        (_, p) => images[i * 784 + (y + Math.floor(p / k!)) * 28 + x + (p % k!)]!,
      );
    const bestOf = Array.from({ length: n }, (_, i) => {
      let best = { r: -Infinity, y: 0, x: 0 };
      for (let y = 0; y < side; y++)
        for (let x = 0; x < side; x++) {
          let r = 0;
          for (let p = 0; p < k! * k!; p++)
            r += images[i * 784 + (y + Math.floor(p / k!)) * 28 + x + (p % k!)]! * w[p]!;
          r += bias[f]!;
          if (r > best.r) best = { r, y, x };
        }
      return { i, ...best };
    });
    const chosen = [...bestOf].sort((a, b) => (b.r === a.r ? a.i - b.i : b.r - a.r)).slice(0, top);
    const patches = chosen.map((c) => patchAt(c.i, c.y, c.x));
    out.topBox.push(mean(patches.map((p) => pearsonOr0(p, box))));
    out.topFilter.push(mean(patches.map((p) => pearsonOr0(p, w))));
    out.boxOptimum.push(pearsonOr0(box, w));
    out.topImages.push(chosen.map((c) => c.i));
    out.topResponses.push(chosen.map((c) => c.r));
  }
  return out;
}
