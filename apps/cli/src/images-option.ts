/** `--images DIR`, `--scale`, `--fit`: the user's own image folder, shared by every command that reads images. */
import {
  DatasetError,
  IMAGE_FITS,
  IMAGE_SCALES,
  readImageFolder,
  type ImageFit,
  type ImageFolder,
  type ImageScale,
} from '@openbox/datasets';
import type { ImageModel } from '@openbox/runtime';
import type { EnumSpec, StringSpec } from './args.js';
import { CommandError } from './errors.js';
import { MESSAGES } from './messages.js';

export type { ImageFit, ImageFolder, ImageScale } from '@openbox/datasets';

/** `--images DIR`: an image folder, one sub-folder per class (its name is the class), PNG or JPEG files. */
export const IMAGES_OPTION = {
  kind: 'string',
  pathLike: true,
  placeholder: 'DIR',
  help: "an image folder, one sub-folder per class, PNG or JPEG; resized and scaled to the model's input",
} as const satisfies StringSpec;

/**
 * `--scale 0-1|-1-1|imagenet` (default 0-1), `@openbox/datasets`' `scalePixels`: `0-1` is v/255 (Keras
 * `Rescaling(1/255)`); `-1-1` is v/127.5 − 1 (MobileNet, Inception); `imagenet` is (v/255 − mean)/std per RGB
 * channel with mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225) (torchvision; one channel: 0.449, 0.226).
 */
export const SCALE_OPTION = {
  kind: 'enum',
  values: IMAGE_SCALES,
  default: '0-1',
  placeholder: 'PRESET',
  help: 'pixel preprocessing of --images (v = 0..255): 0-1 is v/255; -1-1 is v/127.5 - 1; imagenet is (v/255 - mean)/std per RGB channel, mean 0.485,0.456,0.406, std 0.229,0.224,0.225 (grey: 0.449, 0.226)',
} as const satisfies EnumSpec<ImageScale>;

/** `--fit resize|exact` (default resize): resize to the model's input (area down, bilinear up), or require that size. */
export const IMAGE_FIT_OPTION = {
  kind: 'enum',
  values: IMAGE_FITS,
  default: 'resize',
  placeholder: 'MODE',
  help: "how --images meet the model's input size: resize (area averaging down, bilinear up) or exact (a file of another size is an error)",
} as const satisfies EnumSpec<ImageFit>;

/** The parsed values of the three options, as `parseOptions` returns them. */
export interface ImagesArgs {
  readonly images: string;
  readonly scale: ImageScale;
  readonly fit: ImageFit;
}

/**
 * Reads `args.images` with `readImageFolder` sized for `adapter` (its input height, width and 1 or 3 channels;
 * `scale` and `fit` as given). A bad folder or image — truncated, not PNG/JPEG, one class, a stray file, another
 * size with `--fit exact` — is a `CommandError('bad-input-file')` (exit 1) whose message names the file;
 * a model taking other than 1 or 3 channels is one too. `caller` (e.g. `openbox examples`) words that message.
 * @example const data = await loadImagesForModel(args, adapter, 'openbox examples'); data.files[0] // 'cat/1.png'
 */
export async function loadImagesForModel(
  args: ImagesArgs,
  adapter: ImageModel,
  caller: string,
): Promise<ImageFolder> {
  const [height, width, channels] = adapter.inputShape;
  if (channels !== 1 && channels !== 3)
    throw new CommandError('bad-input-file', MESSAGES.imagesChannels(caller, channels));
  try {
    return await readImageFolder(args.images, { height, width, channels, scale: args.scale, fit: args.fit });
  } catch (error) {
    throw imagesFolderError(error);
  }
}

/**
 * The CLI's error for what reading an image folder threw: a `DatasetError` (it names the file) becomes a
 * `CommandError('bad-input-file')` (exit 1); anything else is returned as it is, to be rethrown.
 * @example try { … } catch (error) { throw imagesFolderError(error); }
 */
export function imagesFolderError(error: unknown): unknown {
  if (!(error instanceof DatasetError)) return error;
  return new CommandError(
    'bad-input-file',
    MESSAGES.badImagesFolder(error.message.replace(/^readImageFolder: /, '')),
  );
}
