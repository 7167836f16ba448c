/** `scalePixels`: an image's values in [0, 1] mapped to a model's input by one of the `--scale` presets. */

/** The presets of `--scale` (the CLI's `SCALE_PRESETS`): how values in [0, 1] (v/255) become model inputs. */
export const LIVE_SCALES = ['0-1', '-1-1', 'imagenet'] as const;
export type LiveScale = (typeof LIVE_SCALES)[number];

/** ImageNet's per-channel RGB mean and standard deviation (torchvision's `Normalize`). */
const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
const IMAGENET_STD = [0.229, 0.224, 0.225] as const;
/** What a grey image uses: the channels' averages. */
const GREY_MEAN = (0.485 + 0.456 + 0.406) / 3;
const GREY_STD = (0.229 + 0.224 + 0.225) / 3;

/**
 * `0-1`: u (the values as they are, u = v/255); `-1-1`: 2u − 1 (= v/127.5 − 1, Inception / MobileNet);
 * `imagenet`: (u − mean_c)/std_c per RGB channel (grey images: the channels' average mean and std). `values` are
 * row-major with `channels` last; a new array is returned.
 * @example scalePixels(Float32Array.of(0, 1), 1, '-1-1') // Float32Array [-1, 1]
 */
export function scalePixels(values: Float32Array, channels: number, scale: LiveScale): Float32Array {
  if (scale === '0-1') return Float32Array.from(values);
  if (scale === '-1-1') return values.map((u) => 2 * u - 1);
  return values.map((u, i) => {
    const k = i % channels;
    const mean = channels === 3 ? IMAGENET_MEAN[k]! : GREY_MEAN;
    const std = channels === 3 ? IMAGENET_STD[k]! : GREY_STD;
    return (u - mean) / std;
  });
}
