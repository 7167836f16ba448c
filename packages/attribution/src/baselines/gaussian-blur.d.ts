/**
 * Gaussian blur of images `[n, h, w, c]`, separable, per channel, renormalized at the borders (each output is the
 * weighted mean of the pixels inside the image, so borders do not darken). Kernel radius ⌈3σ⌉.
 */
import * as tf from '@tensorflow/tfjs-core';
/** `images` blurred with a Gaussian of standard deviation `sigma` pixels. @example gaussianBlur(digits, 3.5) */
export declare function gaussianBlur(images: tf.Tensor4D, sigma: number): tf.Tensor4D;
//# sourceMappingURL=gaussian-blur.d.ts.map
