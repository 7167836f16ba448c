/** The seed's 3×3 Laplacian kernel on real digits: zero on flat patches, large on edges. */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from '../messages.js';

/** The seed thread's kernel [[0,1,0],[1,−4,1],[0,1,0]] (a discrete Laplacian). */
export const LAPLACIAN_KERNEL: readonly (readonly number[])[] = [
  [0, 1, 0],
  [1, -4, 1],
  [0, 1, 0],
];

/** Response maps and the measured facts. */
export interface LaplacianReport {
  /** `[n, h − 2, w − 2]` valid-convolution responses, row-major. */
  readonly responses: Float32Array;
  readonly responseShape: readonly [number, number, number];
  /** Largest |response| over patches whose 9 pixels are all equal (exactly 0 in exact arithmetic). */
  readonly maxAbsOnFlat: number;
  readonly flatPatches: number;
  /** Mean |response| over patches containing an edge (pixel range ≥ 0.5 within the 3×3 patch). */
  readonly meanAbsOnEdges: number;
  readonly edgePatches: number;
  /** Response on a synthetic horizontal step edge (top row 0, rest 1) and on a flat patch. */
  readonly stepEdgeResponse: number;
  readonly flatResponse: number;
  readonly verdict: 'edge-detector' | 'not-edge-detector';
  readonly summary: string;
}

/**
 * Convolves `images` (`[n, h, w, 1]`, values in [0, 1]) with the Laplacian kernel ('valid', no bias) and measures:
 * flat 3×3 patches give 0; edge patches (pixel range ≥ 0.5) give large |responses|.
 * @example laplacianOnDigits(test.features.subarray(0, 16 * 784), 16, 28, 28)
 */
export function laplacianOnDigits(images: Float32Array, n: number, h: number, w: number): LaplacianReport {
  if (images.length !== n * h * w)
    throw new Error(
      MESSAGES.badImageBatch('laplacianOnDigits', [n, h, w, images.length / Math.max(1, n * h * w)]),
    );
  const out = tf.tidy(() => {
    const kernel = tf.tensor4d(LAPLACIAN_KERNEL.flat(), [3, 3, 1, 1]);
    return tf.conv2d(tf.tensor4d(images, [n, h, w, 1]), kernel, 1, 'valid');
  });
  const responses = Float32Array.from(out.dataSync());
  out.dispose();
  const oh = h - 2;
  const ow = w - 2;
  let maxAbsOnFlat = 0;
  let flatPatches = 0;
  let edgeSum = 0;
  let edgePatches = 0;
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        let lo = Infinity;
        let hi = -Infinity;
        for (let dy = 0; dy < 3; dy++)
          for (let dx = 0; dx < 3; dx++) {
            const v = images[i * h * w + (y + dy) * w + x + dx]!;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        const r = Math.abs(responses[i * oh * ow + y * ow + x]!);
        if (hi === lo) ((maxAbsOnFlat = Math.max(maxAbsOnFlat, r)), flatPatches++);
        else if (hi - lo >= 0.5) ((edgeSum += r), edgePatches++);
      }
    }
  }
  const k = LAPLACIAN_KERNEL.flat();
  const step = [0, 0, 0, 1, 1, 1, 1, 1, 1];
  const stepEdgeResponse = k.reduce((s, v, i) => s + v * step[i]!, 0);
  const flatResponse = k.reduce((s, v) => s + v * 0.7, 0);
  const meanAbsOnEdges = edgePatches === 0 ? 0 : edgeSum / edgePatches;
  const verdict = maxAbsOnFlat < 1e-6 && meanAbsOnEdges > 0.25 ? 'edge-detector' : 'not-edge-detector';
  const summary =
    `On ${n} digits: ${flatPatches} flat 3×3 patches give |response| ≤ ${maxAbsOnFlat.toExponential(1)}; ` +
    `${edgePatches} edge patches give mean |response| ${meanAbsOnEdges.toFixed(3)} (a unit step edge gives ${Math.abs(stepEdgeResponse)}).`;
  return {
    responses,
    responseShape: [n, oh, ow],
    maxAbsOnFlat,
    flatPatches,
    meanAbsOnEdges,
    edgePatches,
    stepEdgeResponse,
    flatResponse,
    verdict,
    summary,
  };
}
