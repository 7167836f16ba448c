/**
 * `readImagesFile` / `parseImages`: NHWC images from a JSON file of nested arrays, checked against the model's
 * input shape — every error names the file and the offending index (`inputs[3][5]`).
 */
import { escapeForMessage, readRegularFile, SafeIoError } from '@openbox/safe-io';
import { CommandError } from '../errors.js';
import { MESSAGES } from '../messages.js';

/** Largest images file read (a 28×28 digit is ≈ 5 KB of JSON, so ≈ 12,000 digits). */
export const IMAGES_MAX_BYTES = 64 * 2 ** 20;

/** Images as one row-major array with their count; `shape` is `[n, h, w, c]`. */
export interface Images {
  readonly data: Float32Array;
  readonly shape: [number, number, number, number];
}

/** Where the images come from, for messages: the option (`inputs`) and the file as the user typed it. */
export interface ImagesSource {
  readonly option: string;
  readonly file: string;
  /** Also accept one image `[h][w][c]` (read as a batch of one), as `--baseline FILE` does. Default false. */
  readonly single?: boolean;
}

/** A bad images file is a bad file (exit 1, as a bad CSV or model), not bad usage. */
const fail = (source: ImagesSource, message: string): CommandError =>
  new CommandError('bad-input-file', message);

/** A value as a message shows it: numbers as numbers (`Infinity`), anything else as JSON, cut short. */
const shown = (value: unknown): string =>
  escapeForMessage(typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? 'undefined'), 40);

/** Nesting depth along first elements: 4 for `[[[[0]]]]`, 0 for a number. */
function depth(value: unknown): number {
  let d = 0;
  for (let v = value; Array.isArray(v); v = v[0]) d++;
  return d;
}

/**
 * Checks parsed JSON against `[*, h, w, c]` (`imageShape` = `[h, w, c]`) and copies it into a Float32Array.
 * @example parseImages([[[[0], [1]]]], [1, 2, 1], { option: 'inputs', file: 'x.json' }).shape // [1, 1, 2, 1]
 */
export function parseImages(
  json: unknown,
  imageShape: readonly [number, number, number],
  source: ImagesSource,
): Images {
  const [h, w, c] = imageShape;
  const value = source.single === true && depth(json) === 3 ? [json] : json;
  if (!Array.isArray(value) || value.length === 0)
    throw fail(
      source,
      MESSAGES.notImageArray(source.option, source.file, imageShape, source.single === true),
    );
  const n = value.length;
  const data = new Float32Array(n * h * w * c);
  const dims = [h, w, c];
  let offset = 0;
  // Depth-first over [image][row][column][channel], so the values land in row-major order.
  const walk = (node: unknown, level: number, path: string): void => {
    if (level === 3) {
      if (typeof node !== 'number' || !Number.isFinite(node))
        throw fail(source, MESSAGES.notFiniteValue(source.option, source.file, path, shown(node)));
      data[offset++] = node;
      return;
    }
    const size = dims[level]!;
    if (!Array.isArray(node) || node.length !== size)
      throw fail(
        source,
        MESSAGES.badImageShape(
          source.option,
          source.file,
          path,
          size,
          Array.isArray(node) ? node.length : null,
          imageShape,
        ),
      );
    node.forEach((child, i) => walk(child, level + 1, `${path}[${i}]`));
  };
  value.forEach((image, i) => walk(image, 0, `${source.option}[${i}]`));
  return { data, shape: [n, h, w, c] };
}

/**
 * Reads and checks a JSON images file through safe-io's capped reader (regular files only, ≤ {@link IMAGES_MAX_BYTES}).
 * @example const { data, shape } = await readImagesFile('inputs.json', [28, 28, 1], { option: 'inputs', file: 'inputs.json' });
 */
export async function readImagesFile(
  path: string,
  imageShape: readonly [number, number, number],
  source: ImagesSource,
): Promise<Images> {
  let text: string;
  try {
    const bytes = await readRegularFile(path, {
      maxBytes: IMAGES_MAX_BYTES,
      what: 'images file',
      caller: `--${source.option}`,
    });
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof SafeIoError) throw fail(source, error.message);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fail(source, MESSAGES.notJson(source.option, source.file, (error as Error).message));
  }
  return parseImages(json, imageShape, source);
}
