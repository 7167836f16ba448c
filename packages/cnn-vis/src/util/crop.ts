/** Spatial crop of an image batch that stays fast on wasm (whose rank-4 slice copies pixel by pixel). */
import * as tf from '@tensorflow/tfjs-core';

/**
 * `image[:, y0 : y0 + h, x0 : x0 + w, :]` computed as a rank-3 slice of `[B, H, W·C]` (row-sized copies on wasm
 * instead of one per pixel); its gradient is a pad, as for `tf.slice`.
 */
export function cropHW(image: tf.Tensor4D, y0: number, x0: number, h: number, w: number): tf.Tensor4D {
  const [b, height, width, c] = image.shape;
  if (y0 === 0 && x0 === 0 && h === height && w === width) return image;
  const rows = tf.reshape(image, [b, height, width * c]);
  return tf.reshape(tf.slice(rows, [0, y0, x0 * c], [b, h, w * c]), [b, h, w, c]);
}
