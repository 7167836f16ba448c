/** `writeImageFolder`: a `Dataset` of images as a new image folder (one sub-folder per class), all or nothing. */
import { mkdir, mkdtemp, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '@openbox/safe-io';
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';
import type { Dataset } from '../types.js';
import { encodeImage, type EncodeImageOptions } from './encode-image.js';

const FN = 'writeImageFolder';

/** Options of {@link writeImageFolder}. */
export type WriteImageFolderOptions = EncodeImageOptions;

/**
 * Writes `dataset` (shape `[n, h, w, c]`, c = 1 or 3, features in [0, 1]) as `dir/<class>/<row>.png` (or `.jpg`),
 * rows numbered with leading zeros so that file names sort in row order; values are clamped to [0, 1], × 255 and
 * rounded (`encodeImage`). All or nothing: the files are written with `writeFileAtomic` into a hidden temporary
 * folder beside `dir`, which is renamed to `dir` at the end; on any failure it is removed and `dir` is untouched.
 * `dir` must not exist or be an empty folder. Read back with `readImageFolder` (PNG: exact to the 1/255 step; JPEG:
 * lossy). Returns the files written, relative to `dir`, in row order.
 * @example await writeImageFolder(dir, makePatternImages({ n: 40, size: 64, seed: 0, channels: 3 }));
 */
export async function writeImageFolder(
  dir: string,
  dataset: Dataset,
  options: WriteImageFolderOptions = {},
): Promise<string[]> {
  // 1. Arguments: an image dataset, class names that are folder names, a free destination.
  const [n, h, w, c] = checkImageDataset(dataset);
  const format = options.format ?? 'png';
  if (format !== 'png' && format !== 'jpeg')
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(FN, 'options.format', "'png' or 'jpeg'", format),
    );
  const quality = options.quality ?? 90;
  if (!Number.isInteger(quality) || quality < 1 || quality > 100)
    throw new DatasetError(
      'invalid-argument',
      MESSAGES.invalidArgument(FN, 'options.quality', 'an integer in [1, 100]', quality),
    );
  checkClassNames(dataset.classNames);
  await checkFree(dir);
  // 2. Every file into a temporary folder beside `dir`.
  const digits = String(Math.max(0, n - 1)).length;
  const extension = format === 'png' ? 'png' : 'jpg';
  const size = h * w * c;
  const files = Array.from(
    dataset.target,
    (label, i) => `${dataset.classNames[label]}/${String(i).padStart(digits, '0')}.${extension}`,
  );
  const parent = path.dirname(path.resolve(dir));
  let tmp: string | undefined;
  try {
    await mkdir(parent, { recursive: true });
    tmp = await mkdtemp(path.join(parent, `.${path.basename(path.resolve(dir))}.tmp-`));
    for (const name of dataset.classNames) await mkdir(path.join(tmp, name));
    for (const [i, file] of files.entries()) {
      const pixels = dataset.features.subarray(i * size, (i + 1) * size);
      await writeFileAtomic(
        path.join(tmp, file),
        encodeImage(pixels, [h, w, c as 1 | 3], { format, quality }),
      );
    }
    // 3. Into place.
    await rmdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(tmp, dir);
  } catch (error) {
    if (tmp !== undefined) await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatasetError('write-failed', MESSAGES.writeFailed(FN, dir, reason), { file: dir });
  }
  return files;
}

/** `[n, h, w, c]` of an image dataset with c = 1 or 3 and labels in range, or an error naming what is wrong. */
function checkImageDataset(dataset: Dataset): [number, number, number, number] {
  const shape = dataset?.shape ?? [];
  const [n, h, w, c] = shape as [number, number, number, number];
  const bad = (detail: string): DatasetError =>
    new DatasetError('shape-mismatch', MESSAGES.shapeMismatch(FN, detail));
  if (shape.length !== 4 || (c !== 1 && c !== 3) || !(n >= 1))
    throw bad(`dataset.shape must be [n ≥ 1, height, width, 1 or 3], got [${shape.join(', ')}]`);
  if (dataset.features.length !== n * h * w * c)
    throw bad(
      `dataset.features has ${dataset.features.length} values, but shape [${shape.join(', ')}] needs ${n * h * w * c}`,
    );
  if (dataset.target.length !== n)
    throw bad(`dataset.target has ${dataset.target.length} labels for ${n} images`);
  const k = dataset.classNames.length;
  const wrong = dataset.target.findIndex((t) => !(t >= 0 && t < k));
  if (wrong >= 0)
    throw bad(`dataset.target[${wrong}] = ${dataset.target[wrong]} is not a class index in [0, ${k})`);
  return [n, h, w, c];
}

/** Each class name must be one folder name, not hidden (readImageFolder skips hidden entries), unique in any case. */
function checkClassNames(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '' || name.startsWith('.') || /[/\\\0]/.test(name) || seen.has(name.toLowerCase()))
      throw new DatasetError(
        'invalid-argument',
        MESSAGES.invalidArgument(
          FN,
          'dataset.classNames',
          'distinct folder names (no / \\ or NUL, not starting with ".", unique ignoring case)',
          name,
        ),
      );
    seen.add(name.toLowerCase());
  }
}

/** `dir` must not exist, or be an empty folder. */
async function checkFree(dir: string): Promise<void> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new DatasetError('write-failed', MESSAGES.writeFailed(FN, dir, error.message), { file: dir });
  });
  if (info === undefined) return;
  if (!info.isDirectory() || (await readdir(dir)).length > 0)
    throw new DatasetError('folder-not-empty', MESSAGES.folderNotEmpty(FN, dir), { file: dir });
}
