/** `readImageFolder`: a folder of PNG/JPEG images, one sub-folder per class, as a `Dataset` sized for a model. */
import path from 'node:path';
import { escapeForMessage, readRegularFile } from '@openbox/safe-io';
import { fromSafeIoError } from '../csv/from-safe-io-error.js';
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import type { Dataset } from '../types.js';
import { decodeImageFor } from './decode-image.js';
import { describePreprocessing, type PreprocessingTally } from './describe-preprocessing.js';
import { resolveImageFolderOptions, type ImageFolderOptions } from './image-folder-options.js';
import type { ImageScale } from './image-scale.js';
import { scalePixels } from './image-scale.js';
import { listImageFolder } from './list-image-folder.js';
import { resizeImage } from './resize-image.js';
import { toChannels } from './to-channels.js';

const FN = 'readImageFolder';
/** Most float32 values in one dataset (4 GiB): beyond, a Float32Array cannot be relied on to allocate. */
const MAX_VALUES = 2 ** 30;

/** A user's image folder as a dataset, with what was done to the images. */
export type ImageFolder = Dataset & {
  /** Each row's file, relative to the folder, '/'-separated (`cat/1.png`). */
  readonly files: readonly string[];
  /** The exact preprocessing, as a sentence (formats, channel conversion, resizing, scaling). */
  readonly preprocessing: string;
  /** Each row's size in its file, before resizing. */
  readonly sourceSizes: readonly { readonly width: number; readonly height: number }[];
  /** The scaling applied (features are in this scale, not 0..1 unless `'0-1'`). */
  readonly scale: ImageScale;
};

/**
 * Reads `dir`, laid out as Keras' `image_dataset_from_directory` and torchvision's `ImageFolder` expect: one
 * sub-folder per class (class names = the folder names, sorted by code point; class index = the position), PNG and
 * JPEG files in each (`.png .jpg .jpeg`, any case; also in nested sub-folders), read in order of relative path.
 * Skipped: hidden entries (`.DS_Store`, `._x.jpg`), `Thumbs.db`, `desktop.ini`, and README / LICENSE files beside
 * the class folders; any other file is an error. Each image is read as a regular file (no links, FIFOs or devices;
 * at most `maxFileBytes`), decoded by its magic bytes (`decodeImage`), converted to `channels`, resized to
 * `height × width` (`resizeImage`: area averaging down, bilinear up; `fit: 'exact'` refuses another size instead)
 * and scaled (`scalePixels`). `preprocessing` states all of it. Shape `[n, height, width, channels]`.
 * Errors are `DatasetError`s naming the file or folder, raised before any pixel is decoded where the layout is
 * wrong (missing folder, no or one class folder, an empty class, a stray file, a link, too many images).
 * @example const data = await readImageFolder('photos', { height: 64, width: 64, channels: 3, scale: 'imagenet' });
 */
export async function readImageFolder(dir: string, options: ImageFolderOptions): Promise<ImageFolder> {
  // 1. Options and the layout (every file listed and checked before any is decoded).
  if (typeof dir !== 'string' || dir === '' || dir.includes('\0'))
    throw new DatasetError('invalid-argument', MESSAGES.invalidArgument(FN, 'dir', 'a non-empty path', dir));
  const o = resolveImageFolderOptions(FN, options);
  const { classNames, images } = await listImageFolder(FN, dir, o.maxImages);
  const n = images.length;
  const size = o.height * o.width * o.channels;
  if (n * size > MAX_VALUES)
    throw new DatasetError(
      'too-many-images',
      MESSAGES.tooManyPixels(FN, dir, n, `${o.height}×${o.width}×${o.channels}`, MAX_VALUES * 4),
      { file: dir },
    );
  // 2. Each image: read, decode, channels, size, scale.
  const features = new Float32Array(n * size);
  const sourceSizes: { width: number; height: number }[] = [];
  const tally: PreprocessingTally = { formats: new Map(), sizes: new Map(), channels: new Map() };
  for (const [i, { file }] of images.entries()) {
    const full = path.join(dir, file);
    const bytes = await readRegularFile(full, {
      maxBytes: o.maxFileBytes,
      what: 'image',
      hint: 'raise options.maxFileBytes if you mean it',
      caller: FN,
    }).catch((error: unknown) => {
      throw fromSafeIoError(error, full);
    });
    const image = decodeImageFor(FN, bytes, full, { maxPixels: o.maxPixels });
    if (o.fit === 'exact' && (image.width !== o.width || image.height !== o.height))
      throw new DatasetError(
        'image-size-mismatch',
        MESSAGES.imageSizeMismatch(FN, full, image.width, image.height, o.width, o.height),
        { file: full },
      );
    const converted =
      image.channels === o.channels ? image.data : toChannels(image.data, image.channels, o.channels);
    const resized = resizeImage(converted, [image.height, image.width, o.channels], [o.height, o.width]);
    features.set(scalePixels(resized, o.channels, o.scale), i * size);
    sourceSizes.push({ width: image.width, height: image.height });
    count(tally.formats, image.format);
    count(tally.sizes, `${image.width}×${image.height}`);
    count(tally.channels, image.sourceChannels);
  }
  // 3. The dataset.
  const counts = classNames.map((name, k) => `${name}: ${images.filter((im) => im.label === k).length}`);
  const preprocessing = describePreprocessing(dir, classNames.length, tally, o);
  return {
    name: path.basename(path.resolve(dir)),
    features,
    shape: [n, o.height, o.width, o.channels],
    featureNames: ['pixel'],
    target: Int32Array.from(images, (im) => im.label),
    classNames,
    targetName: 'class',
    description:
      `The user's images in "${escapeForMessage(dir, 200)}": ${n} images in ${classNames.length} classes (${counts.join(', ')}), ` +
      `${o.width}×${o.height}×${o.channels} after preprocessing. ${preprocessing}`,
    source: dir,
    license: "the user's",
    missing: { rowsInSource: n, rowsDropped: 0, policy: 'every image in the folder was read; none dropped' },
    files: images.map((im) => im.file),
    preprocessing,
    sourceSizes,
    scale: o.scale,
  };
}

function count<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
