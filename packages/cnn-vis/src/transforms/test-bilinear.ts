/** Test references for the resampler: float64 bilinear rotation and zoom, written from the formulas. Not part of the build. */

/** Bilinear sample of plane `k` of image `i` of a `[b, h, w, c]` batch at (sx, sy), zeros outside the image. */
export function bilinearAt(
  img: ArrayLike<number>,
  shape: readonly number[],
  i: number,
  k: number,
  sx: number,
  sy: number,
): number {
  const [, h, w, c] = shape as [number, number, number, number];
  const at = (y: number, x: number) =>
    y >= 0 && y < h && x >= 0 && x < w ? img[((i * h + y) * w + x) * c + k]! : 0;
  const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
  const [fx, fy] = [sx - x0, sy - y0];
  return (
    (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) +
    fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1))
  );
}

/** The source point of output pixel (x, y) under rotation by φ about c: `c + R(φ)(p − c)`, R = [[cos, −sin], [sin, cos]]. */
export function rotatedSource(x: number, y: number, phi: number, cx: number, cy: number): [number, number] {
  return [
    cx + Math.cos(phi) * (x - cx) - Math.sin(phi) * (y - cy),
    cy + Math.sin(phi) * (x - cx) + Math.cos(phi) * (y - cy),
  ];
}

/** Bilinear rotation of a `[b, h, w, c]` batch, image i by `angles[i]`: out(p) = in(c + R(φ)(p − c)), c = ((w−1)/2, (h−1)/2). */
export function referenceRotate(
  img: ArrayLike<number>,
  shape: readonly number[],
  angles: readonly number[],
): Float64Array {
  const [b, h, w, c] = shape as [number, number, number, number];
  const out = new Float64Array(b * h * w * c);
  for (let i = 0; i < b; i++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const [sx, sy] = rotatedSource(x, y, angles[i]!, (w - 1) / 2, (h - 1) / 2);
        for (let k = 0; k < c; k++) out[((i * h + y) * w + x) * c + k] = bilinearAt(img, shape, i, k, sx, sy);
      }
  return out;
}

/** Bilinear zoom of a `[b, h, w, c]` batch, image i by `scales[i]`: out(p) = in(c + (p − c)/s), zeros outside. */
export function referenceScale(
  img: ArrayLike<number>,
  shape: readonly number[],
  scales: readonly number[],
): Float64Array {
  const [b, h, w, c] = shape as [number, number, number, number];
  const out = new Float64Array(b * h * w * c);
  const [cy, cx] = [(h - 1) / 2, (w - 1) / 2];
  for (let i = 0; i < b; i++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const [sx, sy] = [cx + (x - cx) / scales[i]!, cy + (y - cy) / scales[i]!];
        for (let k = 0; k < c; k++) out[((i * h + y) * w + x) * c + k] = bilinearAt(img, shape, i, k, sx, sy);
      }
  return out;
}

/** A smooth off-centre blob (σ_y = 5, σ_x = 20/3 px) on an h×w plane. */
export function gaussianBlob(h: number, w: number): Float32Array {
  return Float32Array.from({ length: h * w }, (_, i) =>
    Math.exp(-(((Math.floor(i / w) - h * 0.4) / 5) ** 2 + (((i % w) - w * 0.6) / (20 / 3)) ** 2)),
  );
}

/**
 * Largest Chebyshev radius r about the centre c = (n−1)/2 of an n×n image for which every sample of the three-shear
 * rotation by φ stays inside the image (−1 if none): pass 3 reads columns within r₁ = r(1 + |a|) + 1 of c
 * (a = tan(φ/2), +1 for the interpolation neighbour), pass 2 rows within r₂ = r + |sin φ|·r₁ + 1, pass 1 columns within
 * r₁ + |a|·r₂ + 1. Inside it no zero from outside reaches the output, so an affine image rotates exactly.
 */
export function safeRadius(phi: number, n: number): number {
  const c = (n - 1) / 2;
  const [a, s] = [Math.abs(Math.tan(phi / 2)), Math.abs(Math.sin(phi))];
  let best = -1;
  for (let r = 0; r <= c; r++) {
    const r1 = r * (1 + a) + 1;
    const r2 = r + s * r1 + 1;
    if (r2 <= c && r1 + a * r2 + 1 <= c) best = r;
  }
  return best;
}

/** Two affine planes, I_k(x, y) = d_k + g_k · (x, y); linear interpolation reproduces them exactly. */
export const AFFINE_PLANES = [
  (x: number, y: number) => 0.5 + 0.04 * x - 0.03 * y,
  (x: number, y: number) => -0.2 - 0.02 * x + 0.05 * y,
] as const;

/** `[b, n, n, 2]` images whose plane k is `AFFINE_PLANES[k]` (the same in every image). */
export function affineImages(b: number, n: number): Float32Array {
  const img = new Float32Array(b * n * n * 2);
  for (let i = 0; i < img.length; i++) {
    const [k, x, y] = [i % 2, Math.floor(i / 2) % n, Math.floor(i / (2 * n)) % n];
    img[i] = AFFINE_PLANES[k]!(x, y);
  }
  return img;
}

/**
 * Output values of image `b` of an `[·, n, n, 2]` rotation of {@link affineImages} and their exact values
 * `I_k(c + R(φ)(p − c))`, over the pixels within `safeRadius(φ, n)` of the centre (row-major, plane fastest).
 */
export function affineRotationWindow(
  got: ArrayLike<number>,
  b: number,
  n: number,
  phi: number,
): { actual: number[]; expected: number[]; radius: number } {
  const c = (n - 1) / 2;
  const radius = safeRadius(phi, n);
  const actual: number[] = [];
  const expected: number[] = [];
  for (let y = Math.ceil(c - radius); y <= c + radius; y++)
    for (let x = Math.ceil(c - radius); x <= c + radius; x++) {
      const [sx, sy] = rotatedSource(x, y, phi, c, c);
      for (let k = 0; k < 2; k++) {
        actual.push(got[((b * n + y) * n + x) * 2 + k]!);
        expected.push(AFFINE_PLANES[k]!(sx, sy));
      }
    }
  return { actual, expected, radius };
}
