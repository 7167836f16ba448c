/** `--images DIR`, `--scale`, `--fit`: the user's own image folder, shared by every command that reads images. */
import type { EnumSpec, StringSpec } from './args.js';

/** How pixel values (0–255) become model inputs; `--scale` takes one of these. */
export const SCALE_PRESETS = ['0-1', '-1-1', 'imagenet'] as const;
export type ScalePreset = (typeof SCALE_PRESETS)[number];

/** How an image of another size meets the model's input size; `--fit` takes one of these. */
export const IMAGE_FITS = ['resize', 'exact'] as const;
export type ImageFit = (typeof IMAGE_FITS)[number];

/** `--images DIR`: an image folder, one sub-folder per class (its name is the class), PNG or JPEG files. */
export const IMAGES_OPTION = {
  kind: 'string',
  pathLike: true,
  placeholder: 'DIR',
  help: "an image folder, one sub-folder per class, PNG or JPEG; resized and scaled to the model's input",
} as const satisfies StringSpec;

/**
 * `--scale 0-1|-1-1|imagenet` (default 0-1): `0-1` is v/255; `-1-1` is v/127.5 − 1 (Inception, MobileNet);
 * `imagenet` is (v/255 − mean)/std per RGB channel with mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225)
 * (torchvision, Keras' `caffe`-free preset; grey images use the channels' average).
 */
export const SCALE_OPTION = {
  kind: 'enum',
  values: SCALE_PRESETS,
  default: '0-1',
  placeholder: 'PRESET',
  help: 'pixel preprocessing of --images (v = 0..255): 0-1 is v/255; -1-1 is v/127.5 - 1; imagenet is (v/255 - mean)/std per RGB channel, mean 0.485,0.456,0.406, std 0.229,0.224,0.225',
} as const satisfies EnumSpec<ScalePreset>;

/** `--fit resize|exact` (default resize): bilinear resize to the model's input, or require that size exactly. */
export const IMAGE_FIT_OPTION = {
  kind: 'enum',
  values: IMAGE_FITS,
  default: 'resize',
  placeholder: 'MODE',
  help: "how --images meet the model's input size: resize (bilinear) or exact (a file of another size is an error)",
} as const satisfies EnumSpec<ImageFit>;

/** The parsed values of the three options, as `parseOptions` returns them. */
export interface ImagesArgs {
  readonly images: string;
  readonly scale: ScalePreset;
  readonly fit: ImageFit;
}
