/** `resizeImage`: HWC float pixels to another height × width — area averaging down, bilinear up. Browser-safe. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';

const FN = 'resizeImage';

/** One output sample along an axis: the source indices it reads and their weights (summing to 1). */
interface Taps {
  readonly index: Int32Array;
  readonly weight: Float64Array;
}

/**
 * Resizes a row-major `[height, width, channels]` image to `[outHeight, outWidth, channels]`, each axis on its own
 * (separable):
 * - shrinking an axis (out < in): **area averaging**, an exact box filter over fractional pixel coverage — output
 *   pixel i covers the source interval [i·s, (i+1)·s) with s = in/out, and each source pixel weighs the length it
 *   overlaps, divided by s (PIL's `Image.BOX` and OpenCV's `INTER_AREA`; antialiased, so a 2× reduction is exactly
 *   the mean of each 2×2 block);
 * - enlarging an axis (out > in): **bilinear with half-pixel centres**, x_src = (i + ½)·in/out − ½ clamped to
 *   [0, in − 1] (`tf.image.resizeBilinear(…, halfPixelCenters: true)`, PyTorch `align_corners=False`);
 * - an axis of the same size is copied.
 * Returns a new array; works on any value range.
 * @example resizeImage(Float32Array.of(0, 2, 4, 6), [2, 2, 1], [1, 1]) // Float32Array [3]
 */
export function resizeImage(
  data: Float32Array,
  shape: readonly [height: number, width: number, channels: number],
  size: readonly [outHeight: number, outWidth: number],
): Float32Array {
  // 1. Arguments.
  const [h, w, c] = shape;
  const [oh, ow] = size;
  for (const [name, v] of [
    ['shape', h],
    ['shape', w],
    ['shape', c],
    ['size', oh],
    ['size', ow],
  ] as const)
    if (!Number.isSafeInteger(v) || v < 1)
      throw new DatasetError(
        'invalid-argument',
        MESSAGES.invalidArgument(FN, name, 'positive integers', `[${name === 'shape' ? shape : size}]`),
      );
  if (data.length !== h * w * c)
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(FN, 'data.length', `${h}×${w}×${c} = ${h * w * c}`, data.length),
    );
  if (oh === h && ow === w) return data.slice();
  // 2. Along the width (each row), then along the height (each column).
  const wide = resizeAxis(data, h, w, c, axisTaps(w, ow));
  return resizeRows(wide, ow * c, axisTaps(h, oh));
}

/** Width pass: `[h, w, c]` → `[h, ow, c]`. */
function resizeAxis(
  data: Float32Array,
  h: number,
  w: number,
  c: number,
  taps: readonly Taps[],
): Float32Array {
  const ow = taps.length;
  const out = new Float32Array(h * ow * c);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < ow; x++) {
      const { index, weight } = taps[x]!;
      for (let k = 0; k < c; k++) {
        let sum = 0;
        for (let t = 0; t < index.length; t++) sum += weight[t]! * data[(y * w + index[t]!) * c + k]!;
        out[(y * ow + x) * c + k] = sum;
      }
    }
  return out;
}

/** Height pass: rows of `rowLength` values → `taps.length` rows. */
function resizeRows(data: Float32Array, rowLength: number, taps: readonly Taps[]): Float32Array {
  const oh = taps.length;
  const out = new Float32Array(oh * rowLength);
  const acc = new Float64Array(rowLength);
  for (let y = 0; y < oh; y++) {
    const { index, weight } = taps[y]!;
    acc.fill(0);
    for (let t = 0; t < index.length; t++) {
      const row = index[t]! * rowLength;
      const wt = weight[t]!;
      for (let j = 0; j < rowLength; j++) acc[j]! += wt * data[row + j]!;
    }
    out.set(acc, y * rowLength);
  }
  return out;
}

/** The taps of every output index along one axis of `n` → `m` samples. */
export function axisTaps(n: number, m: number): Taps[] {
  if (m === n) return Array.from({ length: m }, (_, i) => tap([i], [1]));
  if (m < n) {
    // Box: output i covers [i·s, (i+1)·s); source k covers [k, k+1).
    const s = n / m;
    return Array.from({ length: m }, (_, i) => {
      const lo = (i * n) / m;
      const hi = ((i + 1) * n) / m;
      const index: number[] = [];
      const weight: number[] = [];
      for (let k = Math.floor(lo); k < Math.min(n, Math.ceil(hi)); k++) {
        const overlap = Math.min(hi, k + 1) - Math.max(lo, k);
        if (overlap > 0) (index.push(k), weight.push(overlap / s));
      }
      return tap(index, weight);
    });
  }
  // Bilinear with half-pixel centres, clamped at the borders.
  return Array.from({ length: m }, (_, i) => {
    const x = Math.min(n - 1, Math.max(0, ((i + 0.5) * n) / m - 0.5));
    const k = Math.floor(x);
    const f = x - k;
    return k + 1 < n && f > 0 ? tap([k, k + 1], [1 - f, f]) : tap([k], [1]);
  });
}

const tap = (index: number[], weight: number[]): Taps => ({
  index: Int32Array.from(index),
  weight: Float64Array.from(weight),
});
