/** `readSuiteImages`: the user's image folder at the model's input size, split 80/20, with the label results show. */
import { readImageFolder, splitDataset, type Dataset } from '@openbox/datasets';
import type { ImageModel } from '@openbox/runtime';
import type { SuiteImages } from '../experiment.js';
import { MESSAGES } from '../messages.js';
import { SuiteError } from '../suite-error.js';

/** Share of the user's images held out as the test split (stratified by `splitDataset`, seed {@link SPLIT_SEED}). */
export const IMAGES_TEST_FRACTION = 0.2;
/** The split's seed: fixed, so every run (any `--seed`) measures on the same held-out images. */
const SPLIT_SEED = 0;

/** The user's images with what `CnnSetup` needs of them. */
export interface SuiteImageData {
  readonly train: Dataset;
  readonly test: Dataset;
  readonly classNames: readonly string[];
  readonly dataLabel: string;
}

/** The model's number of outputs: the last layer's (or graph node's) last dimension. */
const outputCount = (adapter: ImageModel): number => adapter.layers().at(-1)?.channels ?? 0;

/**
 * Reads `images.dir` (one sub-folder per class, PNG or JPEG) at the model's `[height, width, channels]` with
 * `readImageFolder` (`images.scale`, `images.fit`), checks that the folder has as many classes as the model has
 * outputs (the i-th folder, sorted by name, is output i), and splits it stratified, {@link IMAGES_TEST_FRACTION}
 * held out. Folder errors are `readImageFolder`'s `DatasetError`s, which name the file.
 * @example const { train, test, dataLabel } = await readSuiteImages({ dir: 'photos', scale: '0-1', fit: 'resize' }, adapter, 'model.json');
 */
export async function readSuiteImages(
  images: SuiteImages,
  adapter: ImageModel,
  modelLabel: string,
): Promise<SuiteImageData> {
  // 1. The folder at the model's input size.
  const [height, width, channels] = adapter.inputShape;
  if (channels !== 1 && channels !== 3)
    throw new SuiteError('invalid-argument', MESSAGES.imageChannels(modelLabel, channels));
  const all = await readImageFolder(images.dir, {
    height,
    width,
    channels,
    scale: images.scale,
    fit: images.fit,
  });
  // 2. Its classes are the model's outputs.
  const outputs = outputCount(adapter);
  if (all.classNames.length !== outputs)
    throw new SuiteError(
      'invalid-argument',
      MESSAGES.classCountMismatch(modelLabel, outputs, images.dir, all.classNames),
    );
  // 3. The split and the label.
  const { train, test } = splitDataset(all, { testFraction: IMAGES_TEST_FRACTION, seed: SPLIT_SEED });
  const dataLabel =
    `your images: ${images.dir}, ${all.classNames.length} classes, ${all.shape[0]} images ` +
    `(${train.shape[0]} train, ${test.shape[0]} test); preprocessing: ${all.preprocessing}`;
  return { train, test, classNames: all.classNames, dataLabel };
}
