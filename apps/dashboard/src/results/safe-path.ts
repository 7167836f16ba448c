/** `resolveInside`: a path under a root that provably stays inside it, symlinks resolved. */
import { realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * Joins `segments` under `root` and returns the real path (symlinks resolved) only when it exists and lies
 * inside the real `root`; returns `undefined` otherwise (missing, or escaping through `..`, an absolute
 * segment, a backslash or a symlink pointing outside). Each segment must be one plain path component.
 * @example await resolveInside('/srv/results', 'run-1', 'manifest.json')
 */
export async function resolveInside(
  root: string,
  ...segments: readonly string[]
): Promise<string | undefined> {
  // 1. Every segment is one component: no separators, no dot segments, no NUL.
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || /[/\\\0]/.test(s) || path.isAbsolute(s)) return undefined;
  }
  // 2. Resolve both sides through the filesystem and check containment.
  try {
    const realRoot = await realpath(root);
    const real = await realpath(path.join(realRoot, ...segments));
    return real === realRoot || real.startsWith(realRoot + path.sep) ? real : undefined;
  } catch {
    return undefined;
  }
}
