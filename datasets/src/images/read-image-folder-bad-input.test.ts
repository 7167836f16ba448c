import { execFileSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImageFolder } from './read-image-folder.js';
import { folderFactory, gray4, rejection } from './test-folders.js';
import { jpg, pattern } from './test-images.js';

const { root, folder } = await folderFactory('read-image-folder-bad');
const OPTS = { height: 4, width: 4, channels: 1 } as const;

describe('readImageFolder: bad folders and files', () => {
  const good = { 'a/1.png': gray4(0), 'b/1.png': gray4(1) };
  const pngBytes = gray4(0);
  const jpegBytes = jpg(pattern(8, 8, 3), 8, 8);
  type Case = [string, () => Promise<string>, object, string, (dir: string) => string];
  const cases: Case[] = [
    [
      'missing folder',
      async () => path.join(root, 'nope'),
      OPTS,
      'missing-file',
      (d) => `readImageFolder: image folder "${d}" does not exist`,
    ],
    [
      'a file, not a folder',
      async () => path.join(await folder({ 'x.png': pngBytes }), 'x.png'),
      OPTS,
      'not-a-folder',
      (d) =>
        `readImageFolder: "${d}" is not a folder; pass a folder with one sub-folder of images per class (e.g. cat/, dog/)`,
    ],
    [
      'no class folder',
      () => folder({ 'README.md': 'x' }),
      OPTS,
      'no-classes',
      (d) =>
        `readImageFolder: "${d}" has no class folders; an image folder has one sub-folder per class, named after it (e.g. cat/1.png, dog/1.png)`,
    ],
    [
      'one class',
      () => folder({ 'cat/1.png': pngBytes }),
      OPTS,
      'one-class',
      (d) =>
        `readImageFolder: one class: "${d}" has the single class folder "cat"; a classifier's image folder needs at least two class folders`,
    ],
    [
      'an empty class',
      () => folder({ 'a/1.png': pngBytes, b: 'dir' }),
      OPTS,
      'empty-class',
      (d) =>
        `readImageFolder: class folder "${d}/b" has no images (.png, .jpg and .jpeg (any case)); add images or remove the folder`,
    ],
    [
      'an image at the top level',
      () => folder({ ...good, 'c.png': pngBytes }),
      OPTS,
      'unexpected-file',
      (d) =>
        `readImageFolder: "${d}/c.png" is an image at the top level of the image folder; put each image in a sub-folder named after its class`,
    ],
    [
      'a .txt in a class',
      () => folder({ ...good, 'a/notes.txt': 'hi' }),
      OPTS,
      'unexpected-file',
      (d) =>
        `readImageFolder: "${d}/a/notes.txt" is not an image file: the allowed extensions are .png, .jpg and .jpeg (any case); remove it or move it out of the image folder`,
    ],
    [
      'a GIF named .png (wrong magic)',
      () => folder({ ...good, 'b/2.png': 'GIF89a..' }),
      OPTS,
      'unsupported-image',
      (d) =>
        `readImageFolder: "${d}/b/2.png" is a GIF image, not a PNG or JPEG: its first bytes are 47 49 46 38 39 61 2E 2E ("GIF89a.."); supported are PNG (starting 89 50 4E 47 0D 0A 1A 0A) and JPEG (starting FF D8 FF), told apart by these bytes whatever the file name says; convert it to PNG`,
    ],
    [
      'a truncated PNG',
      () => folder({ ...good, 'b/2.png': pngBytes.subarray(0, pngBytes.length - 12) }),
      OPTS,
      'corrupt-image',
      (d) =>
        `readImageFolder: "${d}/b/2.png" is a truncated PNG: it ends before its IEND chunk, so the file was cut short (an interrupted copy or download?); re-export the image or remove it`,
    ],
    [
      'a truncated JPEG',
      () => folder({ ...good, 'b/2.jpg': jpegBytes.subarray(0, jpegBytes.length - 40) }),
      OPTS,
      'corrupt-image',
      (d) =>
        `readImageFolder: "${d}/b/2.jpg" is a truncated JPEG: it has no end-of-image marker (FF D9), so the file was cut short (an interrupted copy or download?); re-export the image or remove it`,
    ],
    [
      "fit 'exact' with another size",
      () => folder({ ...good, 'b/2.jpg': jpegBytes }),
      { ...OPTS, fit: 'exact' },
      'image-size-mismatch',
      (d) =>
        `readImageFolder: "${d}/b/2.jpg" is 8×8 pixels (width × height) but 4×4 was expected (options.fit 'exact'); resize it, or pass fit 'resize' to resize every image to 4×4`,
    ],
    [
      'a symbolic link to an image',
      async () => {
        const d = await folder(good);
        await symlink(path.join(d, 'a/1.png'), path.join(d, 'b/link.png'));
        return d;
      },
      OPTS,
      'not-a-regular-file',
      (d) =>
        `readImageFolder: "${d}/b/link.png" is a symbolic link; image folders are read without following links; copy the file or folder in instead`,
    ],
    [
      'a symbolic link to a class folder',
      async () => {
        const d = await folder(good);
        await symlink(path.join(d, 'a'), path.join(d, 'c'));
        return d;
      },
      OPTS,
      'not-a-regular-file',
      (d) =>
        `readImageFolder: "${d}/c" is a symbolic link; image folders are read without following links; copy the file or folder in instead`,
    ],
    [
      'a FIFO named .png',
      async () => {
        const d = await folder(good);
        execFileSync('mkfifo', [path.join(d, 'b/pipe.png')]);
        return d;
      },
      OPTS,
      'not-a-regular-file',
      (d) =>
        `readImageFolder: "${d}/b/pipe.png" is a FIFO (named pipe), not a regular file or folder; only regular files are read`,
    ],
    [
      'too many images',
      () => folder({ ...good, 'b/2.png': pngBytes }),
      { ...OPTS, maxImages: 2 },
      'too-many-images',
      (d) =>
        `readImageFolder: "${d}" has more than 2 images (options.maxImages); raise it, or read a smaller folder`,
    ],
    [
      'an image over maxFileBytes',
      () => folder(good),
      { ...OPTS, maxFileBytes: 10 },
      'file-too-large',
      (d) =>
        `readImageFolder: image "${d}/a/1.png" is ${pngBytes.length} bytes, over the limit of 10 bytes; raise options.maxFileBytes if you mean it.`,
    ],
    [
      'bad channels',
      () => folder(good),
      { ...OPTS, channels: 4 },
      'invalid-argument',
      () => 'readImageFolder: options.channels must be 1 or 3, got 4',
    ],
    [
      'bad height',
      () => folder(good),
      { ...OPTS, height: 0 },
      'invalid-argument',
      () => 'readImageFolder: options.height must be an integer in [1, 4096], got 0',
    ],
    [
      'bad scale',
      () => folder(good),
      { ...OPTS, scale: '0-255' },
      'invalid-argument',
      () => `readImageFolder: options.scale must be one of '0-1', '-1-1', 'imagenet', got "0-255"`,
    ],
    [
      'bad fit',
      () => folder(good),
      { ...OPTS, fit: 'crop' },
      'invalid-argument',
      () => `readImageFolder: options.fit must be 'resize' or 'exact', got "crop"`,
    ],
  ];
  it.each(cases)('%s', async (_, make, options, code, message) => {
    const dir = await make();
    const error = await rejection(readImageFolder(dir, options as typeof OPTS));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message(dir));
  });
});
