/** `findNonFinite`: the first rendered item whose objective curve, final value, unit value or image is NaN or ±Infinity. */
import type { RenderResult } from '@openbox/cnn-vis';

/** Where a non-finite number was found: the item's unit (`channel 3`, `layer`, image number added) and in what. */
export interface NonFinite {
  readonly unit: string;
  readonly what: 'objective' | 'image';
}

/** A rendered job as the check needs it: the result, each item's unit, and the unit values on the final images. */
export interface RenderedJob {
  readonly result: RenderResult;
  readonly job: { readonly items: readonly { readonly unit: string; readonly image: number }[] };
  readonly unitValues: Float32Array;
}

const allFinite = (values: ArrayLike<number>): boolean => {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
};

/**
 * Scans the jobs in order; `null` when every objective value and pixel is finite. NaN weights make a whole batch
 * NaN, so this names the first item of it (`channel 3`, or `layer image 2` when a unit has several images).
 * @example findNonFinite(results) // { unit: 'channel 3', what: 'image' }
 */
export function findNonFinite(jobs: readonly RenderedJob[]): NonFinite | null {
  for (const { result: r, job, unitValues } of jobs) {
    const [, h, w, c] = r.shape;
    const size = h * w * c;
    const several = job.items.some((item) => item.image > 0);
    for (let b = 0; b < r.curve.length; b++) {
      const item = job.items[b]!;
      const unit = several ? `${item.unit} image ${item.image}` : item.unit;
      if (!allFinite(r.curve[b]!) || !Number.isFinite(r.finalValues[b]!) || !Number.isFinite(unitValues[b]!))
        return { unit, what: 'objective' };
      if (!allFinite(r.images.subarray(b * size, (b + 1) * size))) return { unit, what: 'image' };
    }
  }
  return null;
}
