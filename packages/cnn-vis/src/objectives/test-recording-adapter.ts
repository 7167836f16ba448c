/** A fake ImageModel that records what an objective's `validate` asks of it. Not part of the build. */
import type { ImageModel } from '@openbox/runtime';

/** Every layer reports `outputShape` (channels = its last entry); `calls` lists the adapter calls in order. */
export function recordingAdapter(outputShape: readonly (number | null)[]): {
  adapter: ImageModel;
  calls: string[];
} {
  const calls: string[] = [];
  const adapter = {
    layer: (name: string, fn: string) => {
      calls.push(`layer ${name} ${fn}`);
      return { name, className: 'Conv2D', outputShape, channels: outputShape[outputShape.length - 1] };
    },
    checkChannel: (layer: string, c: number, fn: string) => void calls.push(`channel ${layer} ${c} ${fn}`),
    checkPosition: (layer: string, x: number, y: number, fn: string) =>
      void calls.push(`position ${layer} ${x} ${y} ${fn}`),
  } as unknown as ImageModel;
  return { adapter, calls };
}
