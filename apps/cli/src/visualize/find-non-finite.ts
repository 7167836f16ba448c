/** `findNonFinite`: the first rendered unit whose objective curve, final value or image holds NaN or ±Infinity. */
import type { RenderResult } from '@openbox/cnn-vis';

/** Where a non-finite number was found: the channel and in what. */
export interface NonFinite {
  readonly channel: number;
  readonly what: 'objective' | 'image';
}

const allFinite = (values: ArrayLike<number>): boolean => {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
};

/**
 * Scans batches rendered for `channels` (batch `i` holds `channels[i·batchSize …]`); `null` when every objective
 * value and pixel is finite. NaN weights make the whole batch NaN, so this names the first channel of it.
 */
export function findNonFinite(
  results: readonly RenderResult[],
  channels: readonly number[],
  batchSize: number,
): NonFinite | null {
  for (const [i, r] of results.entries()) {
    const [, h, w, c] = r.shape;
    const size = h * w * c;
    for (let b = 0; b < r.curve.length; b++) {
      const channel = channels[i * batchSize + b]!;
      if (!allFinite(r.curve[b]!) || !Number.isFinite(r.finalValues[b]!))
        return { channel, what: 'objective' };
      if (!allFinite(r.images.subarray(b * size, (b + 1) * size))) return { channel, what: 'image' };
    }
  }
  return null;
}
