/** Scatter-add of per-patch columns back onto an NHWC image (the adjoint of im2col), on wasm memory. */
import type * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView, zerosOutput } from './wasm-ops.js';

/** Where the patches sit: forward-convolution geometry (NHWC). */
export interface PatchGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly channels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/**
 * image[b, i·sh − top + a, j·sw − left + c, ch] += cols[(b, i, j), (a, c, ch)], skipping positions in the padding.
 * `cols` is [batch·outHeight·outWidth, filterHeight·filterWidth·channels] (row-major); returns the image tensor.
 * @example col2im(backend, cols, geometry) // dx of a convolution from dy · Wᵀ
 */
export function col2im(backend: BackendWasm, cols: tf.TensorInfo, g: PatchGeometry): tf.TensorInfo {
  const { batch, inHeight: h, inWidth: w, channels: ch, outHeight: oh, outWidth: ow } = g;
  const { info, values: image } = zerosOutput(backend, [batch, h, w, ch]);
  const src = heapView(backend, cols);
  const rowLength = g.filterHeight * g.filterWidth * ch;
  let row = 0;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++, row += rowLength) {
        // Filter columns c0 … c1 − 1 land inside the image; they are consecutive image columns, so one filter row's
        // patch is one contiguous run in both the column matrix and the image.
        const left = j * g.strideWidth - g.padLeft;
        const c0 = Math.max(0, -left);
        const run = (Math.min(g.filterWidth, w - left) - c0) * ch;
        for (let a = 0; a < g.filterHeight; a++) {
          const r = i * g.strideHeight - g.padTop + a;
          if (r < 0 || r >= h || run <= 0) continue;
          const to = ((b * h + r) * w + left + c0) * ch;
          const from = row + (a * g.filterWidth + c0) * ch;
          for (let k = 0; k < run; k++) image[to + k] = (image[to + k] as number) + (src[from + k] as number);
        }
      }
    }
  }
  return info;
}
