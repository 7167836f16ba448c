/** `heatOverlay`: a map's positive part laid over its digit in red, as RGB images for a PNG. */

/**
 * For each of `count` grey images of `pixels` values (default 28×28 = 784; in [0, 1]) and its map: h = max(Φ, 0) / max_pixels max(Φ, 0)
 * (0 everywhere for a map with no positive value), grey g = digit; the pixel is (max(g, h), g (1 − h), g (1 − h)):
 * the digit in grey where the map is 0, pure red where it is largest. `[count, pixels, 3]` row-major, in [0, 1].
 * @example imagesToPng(heatOverlay(digits, gradCamMap, 4), [4, 28, 28, 3], { scale: 3 })
 */
export function heatOverlay(
  digits: Float32Array,
  map: Float32Array,
  count: number,
  pixels = 784,
): Float32Array {
  const out = new Float32Array(count * pixels * 3);
  for (let i = 0; i < count; i++) {
    let peak = 0;
    for (let j = 0; j < pixels; j++) peak = Math.max(peak, map[i * pixels + j]!);
    for (let j = 0; j < pixels; j++) {
      const g = digits[i * pixels + j]!;
      const h = peak > 0 ? Math.max(map[i * pixels + j]!, 0) / peak : 0;
      out.set([Math.max(g, h), g * (1 - h), g * (1 - h)], (i * pixels + j) * 3);
    }
  }
  return out;
}

/**
 * The first `count` images (or maps) of a `[n, h·w, c]` batch as one plane each (`[count · h·w]`): the mean over the
 * channels; with `stretch`, then mapped to [0, 1] per image (so a `-1-1` or ImageNet-scaled image shows as a
 * picture). One channel without `stretch` is a plain copy.
 * @example heatOverlay(channelMean(images, 4, 64 * 64, 3, true), channelMean(map, 4, 64 * 64, 3), 4, 64 * 64)
 */
export function channelMean(
  values: Float32Array,
  count: number,
  hw: number,
  c: number,
  stretch = false,
): Float32Array {
  const out = new Float32Array(count * hw);
  for (let i = 0; i < count; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < hw; j++) {
      let sum = 0;
      for (let ch = 0; ch < c; ch++) sum += values[(i * hw + j) * c + ch]!;
      const v = sum / c;
      out[i * hw + j] = v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (stretch)
      for (let j = 0; j < hw; j++) out[i * hw + j] = hi > lo ? (out[i * hw + j]! - lo) / (hi - lo) : 0;
  }
  return out;
}
