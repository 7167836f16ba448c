/** `nearestOtherClassDistance`: each digit's L2 and L∞ distance to the nearest digit of another class (the data's scale). */

/** Per digit, the distances to the nearest reference digit whose label differs. */
export interface NearestOtherClass {
  readonly l2: Float64Array;
  readonly linf: Float64Array;
}

/**
 * Exhaustive search in float64 over `reference` (`[m, pixels]` with labels `referenceLabels`), skipping digits of the
 * same class. A perturbation that flips the model while far shorter than this is not a change to another digit.
 * @example nearestOtherClassDistance(images, labels, test.features, test.target, 784)
 */
export function nearestOtherClassDistance(
  images: Float32Array,
  labels: Int32Array,
  reference: Float32Array,
  referenceLabels: ArrayLike<number>,
  pixels: number,
): NearestOtherClass {
  const n = labels.length;
  const m = referenceLabels.length;
  const l2 = new Float64Array(n).fill(Infinity);
  const linf = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const a = images.subarray(i * pixels, (i + 1) * pixels);
    let bestSq = Infinity;
    let bestMax = Infinity;
    for (let k = 0; k < m; k++) {
      if (referenceLabels[k] === labels[i]) continue;
      const o = k * pixels;
      let sq = 0;
      let max = 0;
      for (let j = 0; j < pixels; j++) {
        const d = a[j]! - reference[o + j]!;
        sq += d * d;
        if (d > max) max = d;
        else if (-d > max) max = -d;
      }
      if (sq < bestSq) bestSq = sq;
      if (max < bestMax) bestMax = max;
    }
    l2[i] = Math.sqrt(bestSq);
    linf[i] = bestMax;
  }
  return { l2, linf };
}
