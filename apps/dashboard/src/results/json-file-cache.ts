/** A small cache of parsed JSON files keyed by path and validated by mtime + size, so edits are seen at once. */
import { readFile, stat } from 'node:fs/promises';

interface Entry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly value: unknown;
}

/** Reads and parses JSON files, re-reading a file only when its mtime or size changed. */
export interface JsonFileCache {
  /** The parsed file if it exists, parses and passes `guard`; `undefined` otherwise (never throws). */
  read<T>(file: string, guard: (v: unknown) => v is T): Promise<T | undefined>;
}

/** A cache holding at most `maxEntries` files (oldest evicted first). Default 512. */
export function createJsonFileCache(maxEntries = 512): JsonFileCache {
  const entries = new Map<string, Entry>();
  return {
    async read<T>(file: string, guard: (v: unknown) => v is T): Promise<T | undefined> {
      try {
        // 1. Fresh entry? Same mtime and size as on disk.
        const s = await stat(file);
        if (!s.isFile()) return undefined;
        const hit = entries.get(file);
        if (hit !== undefined && hit.mtimeMs === s.mtimeMs && hit.size === s.size) {
          return guard(hit.value) ? hit.value : undefined;
        }
        // 2. Read, parse, remember (a half-written or invalid file is simply absent).
        const value: unknown = JSON.parse(await readFile(file, 'utf8'));
        entries.delete(file);
        entries.set(file, { mtimeMs: s.mtimeMs, size: s.size, value });
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
        return guard(value) ? value : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
