/** The real image patches that activate each first-layer filter most: one best patch per image, the top k images. */
import { MESSAGES } from '../messages.js';
import type { FirstConvKernels } from './first-conv.js';

/** Options of {@link topActivatingPatches}. */
export interface TopPatchesOptions {
  /** How many images (each giving its best patch) to keep per filter. Default 16. */
  readonly k?: number;
}

/** One filter's top patches, best first. */
export interface FilterTopPatches {
  readonly filter: number;
  /** `k` patches of `kh × kw × cin` pixels (row-major, as the kernel), one after another. */
  readonly patches: Float32Array;
  /** The response ⟨w, p⟩ + b of each patch, float64. */
  readonly responses: readonly number[];
  /** The image each patch comes from (its row in the batch). */
  readonly images: readonly number[];
  /** The patch's top-left corner in its image. */
  readonly positions: readonly { readonly y: number; readonly x: number }[];
}

/** Every filter's top patches. */
export interface TopPatchesReport {
  readonly layer: string;
  readonly k: number;
  /** `[kh, kw, cin]` of each patch. */
  readonly patchShape: readonly [number, number, number];
  readonly filters: readonly FilterTopPatches[];
}

const FN = 'topActivatingPatches';

/**
 * For every filter w of a first conv layer (stride 1, 'valid', acting on the images' pixels), its response
 * r(p) = ⟨w, p⟩ + b at every `kh × kw` patch p of every image, summed in float64 over (dy, dx, c) in row-major order.
 * Each image contributes its best patch (the first in row-major scan order on a tie); the `k` images whose best patch
 * responds most are kept, highest first (lower image row first on a tie) — Zeiler & Fergus's (2014) "top dataset
 * patches", with no two from one image, so that k shifted copies of one stroke do not fill the list.
 * @example topActivatingPatches(firstConvKernels(model), test.features, [2000, 28, 28, 1], { k: 16 }).filters[0].patches
 */
export function topActivatingPatches(
  kernels: FirstConvKernels,
  images: Float32Array,
  shape: readonly [number, number, number, number],
  options: TopPatchesOptions = {},
): TopPatchesReport {
  // 1. Input.
  const [n, h, w, c] = shape;
  const [kh, kw, cin, cout] = kernels.shape;
  const k = options.k ?? 16;
  if (!(n > 0 && h >= kh && w >= kw && c === cin && images.length === n * h * w * c))
    throw new Error(MESSAGES.badImageBatch(FN, [n, h, w, images.length / Math.max(1, n * h * w)]));
  if (!Number.isInteger(k) || k <= 0) throw new Error(MESSAGES.positiveInteger(FN, 'k', k));
  if (k > n) throw new Error(MESSAGES.tooFewImages(FN, 'k', k, n));
  // 2. Each image's best response and position per filter.
  const oh = h - kh + 1;
  const ow = w - kw + 1;
  const best = new Float64Array(n * cout).fill(-Infinity);
  const where = new Int32Array(n * cout);
  const r = new Float64Array(cout);
  for (let i = 0; i < n; i++) {
    const base = i * h * w * c;
    for (let y = 0; y < oh; y++)
      for (let x = 0; x < ow; x++) {
        for (let f = 0; f < cout; f++) r[f] = 0;
        for (let dy = 0; dy < kh; dy++)
          for (let dx = 0; dx < kw; dx++)
            for (let ci = 0; ci < cin; ci++) {
              const v = images[base + ((y + dy) * w + x + dx) * c + ci]!;
              if (v === 0) continue;
              const kb = ((dy * kw + dx) * cin + ci) * cout;
              for (let f = 0; f < cout; f++) r[f] = r[f]! + v * kernels.kernel[kb + f]!;
            }
        for (let f = 0; f < cout; f++) {
          const value = r[f]! + (kernels.bias?.[f] ?? 0);
          if (value > best[i * cout + f]!) ((best[i * cout + f] = value), (where[i * cout + f] = y * ow + x));
        }
      }
  }
  // 3. The k best images per filter and their patches.
  const d = kh * kw * cin;
  const filters: FilterTopPatches[] = [];
  for (let f = 0; f < cout; f++) {
    const order = Array.from({ length: n }, (_, i) => i)
      .sort((a, b) => best[b * cout + f]! - best[a * cout + f]! || a - b)
      .slice(0, k);
    const patches = new Float32Array(k * d);
    const positions = order.map((i, j) => {
      const at = where[i * cout + f]!;
      const y = Math.floor(at / ow);
      const x = at % ow;
      for (let dy = 0; dy < kh; dy++)
        for (let dx = 0; dx < kw; dx++)
          for (let ci = 0; ci < cin; ci++)
            patches[j * d + (dy * kw + dx) * cin + ci] =
              images[i * h * w * c + ((y + dy) * w + x + dx) * c + ci]!;
      return { y, x };
    });
    filters.push({
      filter: f,
      patches,
      responses: order.map((i) => best[i * cout + f]!),
      images: order,
      positions,
    });
  }
  return { layer: kernels.layer, k, patchShape: [kh, kw, cin], filters };
}
