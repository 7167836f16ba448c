/**
 * Gaussian blur of images `[n, h, w, c]`, separable, per channel, renormalized at the borders (each output is the
 * weighted mean of the pixels inside the image, so borders do not darken). Kernel radius ⌈3σ⌉.
 */
import * as tf from '@tensorflow/tfjs-core';
function kernel1d(sigma) {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const k = Float32Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)),
  );
  const total = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / total);
}
function separable(x, k) {
  const c = x.shape[3];
  const len = k.length;
  const row = tf.tile(tf.tensor4d(k, [1, len, 1, 1]), [1, 1, c, 1]);
  const col = tf.tile(tf.tensor4d(k, [len, 1, 1, 1]), [1, 1, c, 1]);
  return tf.depthwiseConv2d(tf.depthwiseConv2d(x, row, 1, 'same'), col, 1, 'same');
}
/** `images` blurred with a Gaussian of standard deviation `sigma` pixels. @example gaussianBlur(digits, 3.5) */
export function gaussianBlur(images, sigma) {
  return tf.tidy(() => {
    const k = kernel1d(sigma);
    const [, h, w, c] = images.shape;
    const weight = separable(tf.ones([1, h, w, c]), k);
    return tf.div(separable(images, k), weight);
  });
}
//# sourceMappingURL=gaussian-blur.js.map
