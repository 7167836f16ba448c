/** `heatOverlay`: a map's positive part laid over its digit in red, as RGB images for a PNG. */

/**
 * For each of `count` 28×28 digits (`[count · 784]`, in [0, 1]) and its map: h = max(Φ, 0) / max_pixels max(Φ, 0)
 * (0 everywhere for a map with no positive value), grey g = digit; the pixel is (max(g, h), g (1 − h), g (1 − h)):
 * the digit in grey where the map is 0, pure red where it is largest. `[count, 28, 28, 3]` row-major, in [0, 1].
 * @example imagesToPng(heatOverlay(digits, gradCamMap, 4), [4, 28, 28, 3], { scale: 3 })
 */
export function heatOverlay(digits: Float32Array, map: Float32Array, count: number): Float32Array {
  const out = new Float32Array(count * 784 * 3);
  for (let i = 0; i < count; i++) {
    let peak = 0;
    for (let j = 0; j < 784; j++) peak = Math.max(peak, map[i * 784 + j]!);
    for (let j = 0; j < 784; j++) {
      const g = digits[i * 784 + j]!;
      const h = peak > 0 ? Math.max(map[i * 784 + j]!, 0) / peak : 0;
      out.set([Math.max(g, h), g * (1 - h), g * (1 - h)], (i * 784 + j) * 3);
    }
  }
  return out;
}
