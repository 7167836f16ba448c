/** `resolveInputs`: the images `openbox attribute` explains — a JSON file, MNIST test digits or an image folder. */
import { loadMnist } from '@openbox/datasets';
import type { ImageModel } from '@openbox/runtime';
import { escapeForMessage } from '@openbox/safe-io';
import { UsageError } from '../errors.js';
import type { AttributeArgs } from './attribute-options.js';
import { ATTRIBUTE_MESSAGES } from './attribute-messages.js';
import { readFolderInputs } from './folder-inputs.js';
import { readDigits } from './inputs.js';
import { readImagesFile, type Images } from './read-images.js';

/** The option the inputs came from. */
export type InputSource = 'inputs' | 'digits' | 'images';

/** The inputs, with what is known of them: labels and class names (digits, folders) and files (folders). */
export interface AttributedInputs {
  readonly source: InputSource;
  /** NHWC, the model's input shape, as the model takes them (scaled for a folder). */
  readonly images: Images;
  /** Each input's class index, when known. */
  readonly labels?: readonly number[];
  /** The names of the classes `labels` index (the folder's sub-folders; `0`…`9` for digits). */
  readonly classNames?: readonly string[];
  /** Each input's file, relative to the folder (`cat/001.png`). */
  readonly files?: readonly string[];
  /** The preprocessing applied, in words (folders). */
  readonly preprocessing?: string;
}

/** Options that only make sense with `--images`. */
const FOLDER_ONLY = ['class', 'limit'] as const;

/**
 * Checks that exactly one of `--inputs`, `--digits`, `--images` is given (and `--class` / `--limit` only with
 * `--images`), before any model work.
 * @example checkSources(args) // throws 'give exactly one of --inputs FILE, --digits 0,5,9 and --images DIR, got neither.'
 */
export function checkSources(args: AttributeArgs): InputSource {
  const given = (['inputs', 'digits', 'images'] as const).filter((k) => args[k] !== undefined);
  if (given.length !== 1) {
    const got = given.length === 0 ? 'neither' : 'both';
    throw new UsageError(
      got === 'neither' ? 'missing-option' : 'invalid-value',
      ATTRIBUTE_MESSAGES.oneSource(got, given),
      given[1] ?? 'inputs',
    );
  }
  const source = given[0]!;
  if (source !== 'images')
    for (const k of FOLDER_ONLY)
      if (args[k] !== undefined)
        throw new UsageError('invalid-value', ATTRIBUTE_MESSAGES.onlyWithImages(k), k);
  return source;
}

/**
 * The inputs of `source` for `adapter`'s input shape: a checked JSON file, MNIST test digits (with their labels),
 * or the folder's images selected by `--class` / `--limit` (resized and scaled, with labels, class names, files).
 * @example const inputs = await resolveInputs(args, 'images', adapter);
 */
export async function resolveInputs(
  args: AttributeArgs,
  source: InputSource,
  adapter: ImageModel,
): Promise<AttributedInputs> {
  if (source === 'inputs') {
    const file = args.inputs!;
    const images = await readImagesFile(file, adapter.inputShape, {
      option: 'inputs',
      file: escapeForMessage(file),
    });
    return { source, images };
  }
  if (source === 'digits') {
    const { test } = loadMnist();
    return {
      source,
      images: readDigits(args.digits!, adapter.inputShape),
      labels: args.digits!.map((d) => test.target[d]!),
      classNames: Array.from({ length: 10 }, (_, k) => String(k)),
    };
  }
  return { source, ...(await readFolderInputs(args, adapter)) };
}
