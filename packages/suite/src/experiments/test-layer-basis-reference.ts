/** Test helper, not built: layer-is-a-basis's numbers recomputed in float64 by other code paths than the experiment's. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { cnnWeights, forward, meanPairwisePearson } from './test-cnn-reference.js';

/** conv2 after its ReLU, max-pooled over the 8×8 positions (max(0, max pre) = max relu), of the first `n` digits. */
export function pooledConv2Of(model: tfl.LayersModel, features: Float32Array, n: number): Float64Array[] {
  const weights = cnnWeights(model);
  return Array.from({ length: n }, (_, i) => {
    const { conv2Pre } = forward(weights, features.subarray(i * 784, (i + 1) * 784));
    const pooled = new Float64Array(32);
    for (let c = 0; c < 32; c++) {
      let m = 0;
      for (let p = 0; p < 64; p++) m = Math.max(m, conv2Pre[p * 32 + c]!);
      pooled[c] = m;
    }
    return pooled;
  });
}

/** The k rows of largest a·v, picked one at a time by a linear scan (the first row wins a tie). */
export function topRows(acts: readonly Float64Array[], v: ArrayLike<number>, k: number): number[] {
  const score = acts.map((a) => a.reduce((s, x, c) => s + x * v[c]!, 0));
  const taken = new Set<number>();
  for (let j = 0; j < k; j++) {
    let best = -1;
    score.forEach((s, i) => {
      if (!taken.has(i) && (best < 0 || s > score[best]!)) best = i;
    });
    taken.add(best);
  }
  return [...taken];
}

/** Purity (majority-label share, counted in a 10-bin histogram) and mean pairwise Pearson of the rows' digits. */
export function purityAndCoherence(
  rows: readonly number[],
  labels: ArrayLike<number>,
  features: Float32Array,
): { purity: number; coherence: number } {
  const counts = new Array<number>(10).fill(0);
  for (const r of rows) counts[labels[r]!]!++;
  const images = rows.map((r) => features.subarray(r * 784, (r + 1) * 784));
  return { purity: Math.max(...counts) / rows.length, coherence: meanPairwisePearson(images) };
}
