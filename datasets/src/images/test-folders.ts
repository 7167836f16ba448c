/** Test helper, not built: image folders written from a listing, under one temporary root per test file. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { pattern, png } from './test-images.js';

/** What a listing maps each relative path to: file bytes or text, or `'dir'` for an empty folder. */
export type Listing = Record<string, Uint8Array | string>;

/** A temporary root (removed after the file's tests) and `folder(listing)`, which writes a new folder under it. */
export async function folderFactory(
  label: string,
): Promise<{ root: string; folder: (files: Listing) => Promise<string> }> {
  const root = await mkdtemp(path.join(tmpdir(), `${label}-`));
  afterAll(() => rm(root, { recursive: true, force: true }));
  let made = 0;
  const folder = async (files: Listing): Promise<string> => {
    const dir = path.join(root, `f${made++}`);
    await mkdir(dir);
    for (const [rel, content] of Object.entries(files)) {
      const full = path.join(dir, rel);
      if (content === 'dir') await mkdir(full, { recursive: true });
      else {
        await mkdir(path.dirname(full), { recursive: true });
        await writeFile(full, content);
      }
    }
    return dir;
  };
  return { root, folder };
}

/** A 4×4 gray PNG whose samples are `pattern` shifted by `seed` (mod 256). */
export const gray4 = (seed: number): Uint8Array =>
  png(
    pattern(4, 4, 1).map((v) => (v + seed) % 256),
    4,
    4,
    1,
  );

/** The `DatasetError` a promise rejects with (the test fails if it resolves or rejects with something else). */
export async function rejection(promise: Promise<unknown>): Promise<DatasetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}
