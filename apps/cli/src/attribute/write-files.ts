/** `writeFilesAtomic`: several files into a folder, each atomically, and none left behind if any write fails. */
import { mkdir, rm, rmdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@openbox/safe-io';

/** A file to write: its name inside the folder and its bytes. */
export interface OutputFile {
  readonly name: string;
  readonly bytes: Uint8Array | string;
}

/**
 * Writes `files` into `dir` (created if missing) with safe-io's atomic writes; when one fails, the files this call
 * wrote are removed (and `dir` too if this call created it), then the error is rethrown. Files already in `dir`
 * under other names are never touched; one under the same name is replaced (and then not restored).
 * @example await writeFilesAtomic('out', [{ name: 'a.json', bytes: '{}' }]);
 */
export async function writeFilesAtomic(dir: string, files: readonly OutputFile[]): Promise<void> {
  const created = !existsSync(dir);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  try {
    for (const file of files) {
      const path = join(dir, file.name);
      await writeFileAtomic(path, file.bytes);
      written.push(path);
    }
  } catch (error) {
    await Promise.all(written.map((path) => rm(path, { force: true })));
    if (created) await rmdir(dir).catch(() => undefined);
    throw error;
  }
}
