/** `--scale` presets: how 0..255 pixels become model inputs, declared once, with the sentence stating each. Browser-safe. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';

/** The pixel scalings a model may expect, declared once. */
export const IMAGE_SCALES = ['0-1', '-1-1', 'imagenet'] as const;

/** One of {@link IMAGE_SCALES}: `0-1` x/255 (Keras `Rescaling(1/255)`), `-1-1` x/127.5 − 1 (MobileNet, Inception), `imagenet` per-channel standardization (torchvision, Keras ResNet "torch" mode). */
export type ImageScale = (typeof IMAGE_SCALES)[number];

/** Whether `value` names an {@link ImageScale}. */
export function isImageScale(value: unknown): value is ImageScale {
  return typeof value === 'string' && (IMAGE_SCALES as readonly string[]).includes(value);
}

/** ImageNet's per-channel mean and standard deviation of x/255, RGB order (torchvision's `Normalize` constants). */
export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;
/** For one-channel inputs: the mean of the three channel means (0.449) and of the three stds (0.226). */
const GRAY_MEAN = (IMAGENET_MEAN[0] + IMAGENET_MEAN[1] + IMAGENET_MEAN[2]) / 3;
const GRAY_STD = (IMAGENET_STD[0] + IMAGENET_STD[1] + IMAGENET_STD[2]) / 3;

/** Per channel: x_out = x·a[c] + b[c]. */
function affine(scale: ImageScale, channels: 1 | 3): { a: number[]; b: number[] } {
  const means = channels === 3 ? [...IMAGENET_MEAN] : [GRAY_MEAN];
  const stds = channels === 3 ? [...IMAGENET_STD] : [GRAY_STD];
  const table: Record<ImageScale, () => { a: number[]; b: number[] }> = {
    '0-1': () => ({ a: [1 / 255], b: [0] }),
    '-1-1': () => ({ a: [1 / 127.5], b: [-1] }),
    imagenet: () => ({ a: stds.map((s) => 1 / (255 * s)), b: means.map((m, k) => -m / stds[k]!) }),
  };
  return table[scale]();
}

/**
 * Scales HWC samples in 0..255 (`channels` per pixel) for a model: `0-1` x/255; `-1-1` x/127.5 − 1; `imagenet`
 * (x/255 − mean[c]) / std[c] with ImageNet's mean [0.485, 0.456, 0.406] and std [0.229, 0.224, 0.225] — for one
 * channel the channel means' mean 0.449 and the stds' mean 0.226. Returns a new array.
 * @example scalePixels(Float32Array.of(0, 255), 1, '-1-1') // Float32Array [-1, 1]
 */
export function scalePixels(values0to255: Float32Array, channels: 1 | 3, scale: ImageScale): Float32Array {
  if (!isImageScale(scale))
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument('scalePixels', 'scale', `one of ${IMAGE_SCALES.join(', ')}`, scale),
    );
  if ((channels !== 1 && channels !== 3) || values0to255.length % channels !== 0)
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(
        'scalePixels',
        'channels',
        `1 or 3 dividing the length ${values0to255.length}`,
        channels,
      ),
    );
  const { a, b } = affine(scale, channels);
  const out = new Float32Array(values0to255.length);
  for (let i = 0; i < out.length; i++) {
    const k = a.length === 1 ? 0 : i % channels;
    out[i] = values0to255[i]! * a[k]! + b[k]!;
  }
  return out;
}

/**
 * The inverse of {@link scalePixels}: model-scaled values back to 0..255 (`0-1` x·255; `-1-1` (x + 1)·127.5;
 * `imagenet` (x·std[c] + mean[c])·255), e.g. to draw an input or an optimized image. Values are not clipped.
 * @example unscalePixels(Float32Array.of(-1, 1), 1, '-1-1') // Float32Array [0, 255]
 */
export function unscalePixels(values: Float32Array, channels: 1 | 3, scale: ImageScale): Float32Array {
  if (!isImageScale(scale))
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument('unscalePixels', 'scale', `one of ${IMAGE_SCALES.join(', ')}`, scale),
    );
  if ((channels !== 1 && channels !== 3) || values.length % channels !== 0)
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(
        'unscalePixels',
        'channels',
        `1 or 3 dividing the length ${values.length}`,
        channels,
      ),
    );
  const { a, b } = affine(scale, channels);
  const out = new Float32Array(values.length);
  for (let i = 0; i < out.length; i++) {
    const k = a.length === 1 ? 0 : i % channels;
    out[i] = (values[i]! - b[k]!) / a[k]!;
  }
  return out;
}

/**
 * The exact preprocessing of {@link scalePixels} as a sentence for reports and `ImageFolder.preprocessing`.
 * @example describeScale('imagenet', 3) // 'pixels/255, then (x − mean) / std per channel with ImageNet's mean [0.485, 0.456, 0.406] and std [0.229, 0.224, 0.225]'
 */
export function describeScale(scale: ImageScale, channels: 1 | 3): string {
  const table: Record<ImageScale, string> = {
    '0-1': 'pixels/255, so values in [0, 1]',
    '-1-1': 'pixels/127.5 − 1, so values in [−1, 1]',
    imagenet:
      channels === 3
        ? "pixels/255, then (x − mean) / std per channel with ImageNet's mean [0.485, 0.456, 0.406] and std [0.229, 0.224, 0.225]"
        : "pixels/255, then (x − 0.449) / 0.226: for one channel, the mean of ImageNet's channel means [0.485, 0.456, 0.406] and of its stds [0.229, 0.224, 0.225]",
  };
  return table[scale];
}
