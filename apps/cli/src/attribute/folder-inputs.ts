/** `readFolderInputs`: `--images DIR` read for the model (resized, scaled), then `--class` / `--limit` applied. */
import type { ImageModel } from '@openbox/runtime';
import type { AttributeArgs } from './attribute-options.js';
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
 * Reads `--images` at the model's input size with `--scale` / `--fit`, keeps the images `selectImages` picks
 * (`--class`, `--limit`), and refuses more than `MAX_INPUTS` images.
 * @example const { images, labels, files } = await readFolderInputs(args, adapter);
 */
export async function readFolderInputs(args: AttributeArgs, adapter: ImageModel): Promise<FolderInputs> {
  void args;
  void adapter;
  void selectImages;
  throw new Error('--images: waiting for loadImagesForModel');
}
