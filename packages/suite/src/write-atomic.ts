/** Writes a file so that readers see the old content or the new, never half of it (temp file + rename). */
import { renameSync, writeFileSync } from 'node:fs';

/** Write `data` to `path` through `path.<pid>.tmp` and a rename (atomic on one filesystem). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Write `value` as pretty JSON, atomically. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
