/** `readFolderInputs`: `--images DIR` read for the model (resized, scaled), then `--class` / `--limit` applied. */
import type { ImageModel } from '@openbox/runtime';
import { UsageError } from '../errors.js';
import { loadImagesForModel } from '../images-option.js';
import { ATTRIBUTE_MESSAGES } from './attribute-messages.js';
import { MAX_INPUTS, type AttributeArgs } from './attribute-options.js';
import type { Images } from './read-images.js';
import { selectImages } from './select-images.js';

/** The folder's selected images with their labels, class names, files and preprocessing. */
export interface FolderInputs {
  readonly images: Images;
  readonly labels: readonly number[];
  readonly classNames: readonly string[];
  readonly files: readonly string[];
  readonly preprocessing: string;
}

/**
 * Reads `--images` at the model's input size with `--scale` / `--fit` (`loadImagesForModel`: a bad file is an
 * exit-1 error naming it), keeps the images `selectImages` picks (`--class`, `--limit`: in turn from each class),
 * and refuses more than `MAX_INPUTS` of them (a usage error suggesting `--limit`).
 * @example const { images, labels, files } = await readFolderInputs(args, adapter);
 */
export async function readFolderInputs(args: AttributeArgs, adapter: ImageModel): Promise<FolderInputs> {
  const folder = await loadImagesForModel(
    { images: args.images!, scale: args.scale, fit: args.fit },
    adapter,
    'openbox attribute',
  );
  const labels = Array.from(folder.target);
  const picked = selectImages(
    { labels, classNames: folder.classNames, files: folder.files },
    args.class,
    args.limit,
  );
  if (picked.length > MAX_INPUTS)
    throw new UsageError(
      'invalid-value',
      ATTRIBUTE_MESSAGES.tooManyImages(picked.length, MAX_INPUTS),
      'images',
    );
  const [h, w, c] = adapter.inputShape;
  const size = h * w * c;
  const data = new Float32Array(picked.length * size);
  picked.forEach((row, i) => data.set(folder.features.subarray(row * size, (row + 1) * size), i * size));
  return {
    images: { data, shape: [picked.length, h, w, c] },
    labels: picked.map((row) => labels[row]!),
    classNames: folder.classNames,
    files: picked.map((row) => folder.files[row]!),
    preprocessing: folder.preprocessing,
  };
}
