/** im2col, transposed: every filter tap's view of the (channel-major) input as one row, on wasm memory. */
import type * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView, wholeHeap, zerosOutput } from './wasm-ops.js';

/**
 * colsT[(a, c, ch), (b, i, j)] = xT[ch, b, i·sh − top + a, j·sw − left + c], 0 where that reaches into the padding.
 * `xT` is the input with its channels first ([ci, n, h, w]); the result is [kh·kw·ci, n·oh·ow] (row-major), so that
 * colsT · dy ([n·oh·ow, co]) is a convolution's filter gradient laid out as the filter [kh, kw, ci, co]. Each row is
 * written in runs of `ow` values read at stride sw: O(kh·kw·ci·n·oh·ow) copies, no arithmetic. At stride 1 each run is
 * one native `copyWithin` (3× the JS loop at the reference conv1, whose runs are 24 values).
 * @example im2colTransposed(backend, xT, info) // then one stock matmul by dy
 */
export function im2colTransposed(
  backend: BackendWasm,
  xT: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const columns = n * oh * ow;
  const { info: out, values: cols } = zerosOutput(backend, [kh * kw * ci, columns]);
  const x = heapView(backend, xT);
  const { heap, at: colsAt } = wholeHeap(cols);
  const xAt = wholeHeap(x).at;
  for (let a = 0; a < kh; a++) {
    for (let c = 0; c < kw; c++) {
      // Columns j whose input column j·sw − left + c lies inside the image.
      const shift = c - padInfo.left;
      const j0 = Math.max(0, Math.ceil(-shift / sw));
      const j1 = Math.min(ow, Math.floor((w - 1 - shift) / sw) + 1);
      for (let ch = 0; ch < ci; ch++) {
        const row = ((a * kw + c) * ci + ch) * columns;
        for (let b = 0; b < n; b++) {
          for (let i = 0; i < oh; i++) {
            const r = i * sh - padInfo.top + a;
            if (r < 0 || r >= h) continue;
            const src = ((ch * n + b) * h + r) * w + shift;
            const dst = row + (b * oh + i) * ow;
            if (sw === 1) {
              heap.copyWithin(colsAt + dst + j0, xAt + src + j0, xAt + src + j1);
            } else {
              for (let j = j0; j < j1; j++) cols[dst + j] = x[src + j * sw] as number;
            }
          }
        }
      }
    }
  }
  return out;
}
