/** `toChannels`: gray ↔ RGB conversion (ITU-R BT.601 luma) with alpha dropped, and the sentence that says so. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';

/** Samples per pixel an image may have: gray, gray + alpha, RGB, RGBA. */
export type SourceChannels = 1 | 2 | 3 | 4;

/** ITU-R BT.601 luma weights of R, G and B (what PIL's `convert('L')` and `tf.image.rgbToGrayscale` use). */
export const BT601_LUMA = [0.299, 0.587, 0.114] as const;

/**
 * Converts row-major HWC samples with `from` channels (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA) to `to` channels:
 * gray → RGB replicates the level in R, G and B; RGB → gray is the luma Y = 0.299 R + 0.587 G + 0.114 B (ITU-R
 * BT.601); alpha is dropped (not composited over a background), as PIL's `convert('RGB')` does. Returns a new array
 * (a copy when nothing changes). Works on any value range (0..255 or 0..1).
 * @example toChannels(Float32Array.of(255, 0, 0, 255), 4, 1) // Float32Array [76.245] (pure red's luma)
 */
export function toChannels(data: Float32Array, from: SourceChannels, to: 1 | 3): Float32Array {
  if (![1, 2, 3, 4].includes(from) || data.length % from !== 0)
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(
        'toChannels',
        'from',
        `1, 2, 3 or 4 dividing data.length (${data.length})`,
        from,
      ),
    );
  if (to !== 1 && to !== 3)
    throw new DatasetError('invalid-argument', MESSAGES.invalidArgument('toChannels', 'to', '1 or 3', to));
  const pixels = data.length / from;
  const out = new Float32Array(pixels * to);
  const colour = from >= 3;
  const [wr, wg, wb] = BT601_LUMA;
  for (let p = 0; p < pixels; p++) {
    const at = p * from;
    if (to === 1) {
      out[p] = colour ? wr * data[at]! + wg * data[at + 1]! + wb * data[at + 2]! : data[at]!;
    } else {
      for (let k = 0; k < 3; k++) out[p * 3 + k] = data[at + (colour ? k : 0)]!;
    }
  }
  return out;
}

/**
 * What {@link toChannels} did, as a clause for a preprocessing sentence; `''` when nothing changed.
 * @example describeChannels(4, 1) // 'alpha dropped; RGB converted to gray with ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B)'
 */
export function describeChannels(from: SourceChannels, to: 1 | 3): string {
  const parts: string[] = [];
  if (from === 2 || from === 4) parts.push('alpha dropped');
  if (from >= 3 && to === 1)
    parts.push('RGB converted to gray with ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B)');
  if (from <= 2 && to === 3) parts.push('gray replicated into R, G and B');
  return parts.join('; ');
}
