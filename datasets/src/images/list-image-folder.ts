/** `listImageFolder`: the class folders of an image folder and their image files, sorted; every layout rule checked. */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DatasetError } from '../dataset-error.js';
import { MESSAGES } from '../messages.js';

/** One image to read: its path relative to the folder ('/'-separated) and its class index. */
export interface ListedImage {
  readonly file: string;
  readonly label: number;
}

/** The listing: class names (sorted folder names) and images (by class, then by relative path). */
export interface ImageFolderListing {
  readonly classNames: readonly string[];
  readonly images: readonly ListedImage[];
}

/** `.png`, `.jpg`, `.jpeg`, any case. */
export const IMAGE_FILE = /\.(png|jpe?g)$/i;
/** System files skipped anywhere: Windows' thumbnail cache and folder settings (hidden names are skipped too). */
const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini']);
/** Top-level notes skipped beside the class folders: README*, LICENSE*, LICENCE*. */
const TOP_LEVEL_NOTES = /^(readme|licen[cs]e)/i;
/** Deepest sub-folder inside a class folder. */
const MAX_DEPTH = 8;

/** Code-point order (Python's `sorted`, as Keras and torchvision sort class folders), independent of the locale. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const skipped = (name: string): boolean => name.startsWith('.') || SYSTEM_FILES.has(name.toLowerCase());

/**
 * Lists `dir`: each sub-folder is a class (names sorted by code point); its images are the `.png`/`.jpg`/`.jpeg`
 * files in it and in its sub-folders (up to 8 deep), sorted by relative path. Skipped: hidden entries (a name
 * starting with `.`: `.DS_Store`, `._x.jpg`, `.git`), `Thumbs.db` and `desktop.ini` anywhere, and README / LICENSE
 * files at the top level. Errors (each a `DatasetError` naming the path): a missing folder or a file, an image or
 * another file at the top level, a file of another extension in a class, a symbolic link or a FIFO, socket or
 * device anywhere, no class folder, one class folder, an empty class, more than `maxImages` images.
 */
export async function listImageFolder(
  fn: string,
  dir: string,
  maxImages: number,
): Promise<ImageFolderListing> {
  // 1. The folder itself (a link to a folder is fine here: it is the path the user gave).
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR')
      throw new DatasetError('missing-file', MESSAGES.folderMissing(fn, dir), { file: dir });
    throw unreadable(fn, dir, error);
  });
  if (!info.isDirectory())
    throw new DatasetError('not-a-folder', MESSAGES.notAFolder(fn, dir), { file: dir });
  // 2. Top level: class folders only.
  const classNames: string[] = [];
  for (const entry of await entries(fn, dir)) {
    const full = path.join(dir, entry.name);
    if (skipped(entry.name)) continue;
    checkKind(fn, entry, full);
    if (entry.isDirectory()) classNames.push(entry.name);
    else if (IMAGE_FILE.test(entry.name))
      throw new DatasetError('unexpected-file', MESSAGES.imageAtTopLevel(fn, full), { file: full });
    else if (!TOP_LEVEL_NOTES.test(entry.name))
      throw new DatasetError('unexpected-file', MESSAGES.unexpectedFile(fn, full), { file: full });
  }
  classNames.sort(byCodePoint);
  if (classNames.length === 0)
    throw new DatasetError('no-classes', MESSAGES.noClasses(fn, dir), { file: dir });
  if (classNames.length === 1)
    throw new DatasetError('one-class', MESSAGES.oneClassFolder(fn, dir, classNames[0]!), { file: dir });
  // 3. Each class: its images, sorted; none empty; not too many in all.
  const images: ListedImage[] = [];
  for (const [label, name] of classNames.entries()) {
    const files: string[] = [];
    await walk(fn, dir, name, 1, files, () => images.length + files.length >= maxImages, maxImages);
    if (files.length === 0)
      throw new DatasetError('empty-class', MESSAGES.emptyClass(fn, path.join(dir, name)), {
        file: path.join(dir, name),
      });
    for (const file of files.sort(byCodePoint)) images.push({ file, label });
  }
  return { classNames, images };
}

/** Collects the image files under `dir/rel` into `out` (relative, '/'-separated). */
async function walk(
  fn: string,
  dir: string,
  rel: string,
  depth: number,
  out: string[],
  full: () => boolean,
  maxImages: number,
): Promise<void> {
  for (const entry of await entries(fn, path.join(dir, rel))) {
    if (skipped(entry.name)) continue;
    const relative = `${rel}/${entry.name}`;
    const absolute = path.join(dir, relative);
    checkKind(fn, entry, absolute);
    if (entry.isDirectory()) {
      if (depth >= MAX_DEPTH)
        throw new DatasetError('unexpected-file', MESSAGES.tooDeep(fn, absolute, MAX_DEPTH), {
          file: absolute,
        });
      await walk(fn, dir, relative, depth + 1, out, full, maxImages);
    } else if (!IMAGE_FILE.test(entry.name)) {
      throw new DatasetError('unexpected-file', MESSAGES.unexpectedFile(fn, absolute), { file: absolute });
    } else {
      if (full())
        throw new DatasetError('too-many-images', MESSAGES.tooManyImages(fn, dir, maxImages), { file: dir });
      out.push(relative);
    }
  }
}

async function entries(fn: string, folder: string): Promise<Dirent[]> {
  return readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(fn, folder, error);
  });
}

function unreadable(fn: string, folder: string, error: NodeJS.ErrnoException): DatasetError {
  const reason =
    error.code === 'EACCES' ? 'permission denied (EACCES)' : `${error.code ?? 'error'}: ${error.message}`;
  return new DatasetError('read-failed', MESSAGES.folderUnreadable(fn, folder, reason), { file: folder });
}

/** Regular files and folders only: links are not followed, FIFOs, sockets and devices are refused. */
function checkKind(fn: string, entry: Dirent, full: string): void {
  if (entry.isSymbolicLink())
    throw new DatasetError('not-a-regular-file', MESSAGES.linkInFolder(fn, full), { file: full });
  if (entry.isFile() || entry.isDirectory()) return;
  const kind = entry.isFIFO() ? 'a FIFO (named pipe)' : entry.isSocket() ? 'a socket' : 'a device';
  throw new DatasetError('not-a-regular-file', MESSAGES.specialFile(fn, full, kind), { file: full });
}
