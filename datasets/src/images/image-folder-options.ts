/** `ImageFolderOptions` of `readImageFolder`, resolved once into a complete internal type. */
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import { DEFAULT_MAX_PIXELS } from './decode-image.js';
import { IMAGE_SCALES, isImageScale, type ImageScale } from './image-scale.js';

/** How images of another size are handled: `resize` them to height × width, or refuse them (`exact`). */
export const IMAGE_FITS = ['resize', 'exact'] as const;
export type ImageFit = (typeof IMAGE_FITS)[number];

/** Options of `readImageFolder`: the model's input size and channels, and how pixels are scaled. */
export interface ImageFolderOptions {
  /** Rows of every image after preprocessing (the model's input height), 1–4096. */
  readonly height: number;
  /** Columns of every image after preprocessing (the model's input width), 1–4096. */
  readonly width: number;
  /** 1 (gray) or 3 (RGB); images are converted (gray replicated, RGB to BT.601 luma, alpha dropped). */
  readonly channels: 1 | 3;
  /** Pixel scaling, see `scalePixels`. Default `'0-1'` (x/255). */
  readonly scale?: ImageScale;
  /** `'resize'` (default): every image resized to height × width; `'exact'`: an image of another size is an error. */
  readonly fit?: ImageFit;
  /** Most images read; more is an error before any is decoded. Default 20,000. */
  readonly maxImages?: number;
  /** Largest image file, in bytes. Default 32 MiB. */
  readonly maxFileBytes?: number;
  /** Largest image, in pixels (width × height) before resizing. Default 40,000,000. */
  readonly maxPixels?: number;
}

export type ResolvedImageFolderOptions = Required<ImageFolderOptions>;

export const IMAGE_FOLDER_DEFAULTS = {
  scale: '0-1',
  fit: 'resize',
  maxImages: 20_000,
  maxFileBytes: 32 * 1024 * 1024,
  maxPixels: DEFAULT_MAX_PIXELS,
} as const satisfies Partial<ImageFolderOptions>;

/** Largest side accepted for height and width. */
const MAX_SIDE = 4096;

/** Checks every option (each error names `fn` and the option) and fills in the defaults. */
export function resolveImageFolderOptions(
  fn: string,
  options: ImageFolderOptions,
): ResolvedImageFolderOptions {
  const bad = (name: string, expected: string, got: unknown): DatasetError =>
    new DatasetError('invalid-argument', MESSAGES.invalidArgument(fn, `options.${name}`, expected, got));
  if (typeof options !== 'object' || options === null)
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(fn, 'options', 'an object { height, width, channels }', options),
    );
  const o = { ...IMAGE_FOLDER_DEFAULTS, ...options };
  const integer = (
    name: 'height' | 'width' | 'maxImages' | 'maxFileBytes' | 'maxPixels',
    max: number,
  ): void => {
    const v = o[name];
    if (!Number.isSafeInteger(v) || v < 1 || v > max) throw bad(name, `an integer in [1, ${max}]`, v);
  };
  integer('height', MAX_SIDE);
  integer('width', MAX_SIDE);
  if (o.channels !== 1 && o.channels !== 3) throw bad('channels', '1 or 3', o.channels);
  if (!isImageScale(o.scale))
    throw bad('scale', `one of ${IMAGE_SCALES.map((s) => `'${s}'`).join(', ')}`, o.scale);
  if (!(IMAGE_FITS as readonly unknown[]).includes(o.fit)) throw bad('fit', `'resize' or 'exact'`, o.fit);
  integer('maxImages', Number.MAX_SAFE_INTEGER);
  integer('maxFileBytes', Number.MAX_SAFE_INTEGER);
  integer('maxPixels', Number.MAX_SAFE_INTEGER);
  return o;
}
