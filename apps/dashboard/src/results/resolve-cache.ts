/** `createResolveCache`: `resolveInside` with its positive answers remembered for a short time. */
import { resolveInside } from './safe-path.js';

/** Resolves paths under one root, answering repeated questions from memory for `ttlMs`. */
export interface ResolveCache {
  /** As `resolveInside(root, ...segments)`; a path found inside is remembered for `ttlMs`. */
  resolve(...segments: readonly string[]): Promise<string | undefined>;
}

/**
 * Every page view resolves the same dozen paths (the manifest, each result): each is two `realpath` calls on
 * the thread pool. This keeps a found path's real path for `ttlMs` (default 1,000; at most `maxEntries`,
 * default 4,096, oldest dropped first). Missing paths are never remembered, so a file that appears is seen at
 * once; a path that disappears or is swapped for a symlink is resolved again within `ttlMs` (reads of it fail
 * meanwhile, or read the real path that was checked inside).
 * @example const paths = createResolveCache(root); await paths.resolve(runId, 'manifest.json')
 */
export function createResolveCache(root: string, ttlMs = 1000, maxEntries = 4096): ResolveCache {
  const found = new Map<string, { readonly real: string; readonly at: number }>();
  return {
    async resolve(...segments) {
      const key = segments.join('\0');
      const hit = found.get(key);
      const now = Date.now();
      if (hit !== undefined && now - hit.at <= ttlMs) return hit.real;
      const real = await resolveInside(root, ...segments);
      found.delete(key);
      if (real !== undefined) {
        found.set(key, { real, at: now });
        if (found.size > maxEntries) found.delete(found.keys().next().value as string);
      }
      return real;
    },
  };
}
