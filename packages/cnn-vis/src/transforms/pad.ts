/** Pad transform: a constant border, so that jitter and rotation move content rather than crop it. */
import * as tf from '@tensorflow/tfjs-core';
import type { Transform } from './transform.js';

/**
 * Pads `size` pixels on every side with `value` (Lucid: `pad(12, constant_value=0.5)` at 224 px).
 * @example pad({ size: 2, value: 0 })
 */
export function pad(options: { size: number; value?: number }): Transform {
  const { size, value = 0.5 } = options;
  return (image) =>
    size <= 0
      ? image
      : tf.pad(
          image,
          [
            [0, 0],
            [size, size],
            [size, size],
            [0, 0],
          ],
          value,
        );
}
