/** A small cache of parsed JSON files keyed by path and validated by mtime + size, so edits are seen at once. */
import { stat } from 'node:fs/promises';
import { readRegularFile } from '@openbox/safe-io';

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

/** Defaults of `createJsonFileCache`. */
export const JSON_FILE_CACHE_DEFAULTS = { maxEntries: 512, maxBytes: 32 * 1024 * 1024 } as const;

/**
 * A cache holding at most `maxEntries` files (oldest evicted first). Files are read with `readRegularFile`:
 * a FIFO, a device or a file over `maxBytes` is treated as absent instead of blocking or exhausting memory.
 */
export function createJsonFileCache(
  maxEntries: number = JSON_FILE_CACHE_DEFAULTS.maxEntries,
  maxBytes: number = JSON_FILE_CACHE_DEFAULTS.maxBytes,
): JsonFileCache {
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
        if (s.size === 0 || s.size > maxBytes) return undefined;
        const bytes = await readRegularFile(file, { maxBytes: s.size, what: 'JSON file' });
        const value: unknown = JSON.parse(bytes.toString('utf8'));
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
