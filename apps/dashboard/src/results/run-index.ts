/** `createRunIndex`: the list of complete runs of a results folder, kept in memory and refreshed on change. */
import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { MANIFEST_FILE, RUN_ID_PATTERN, isManifest } from '@openbox/suite';
import { readRegularFile } from '@openbox/safe-io';
import { mapWithLimit } from './map-with-limit.js';
import { newestFirst, summarizeRun } from './run-summary.js';
import type { RunSummary } from './run-summary.js';
import { resolveInside } from './safe-path.js';

/** Options of `createRunIndex`. */
export interface RunIndexOptions {
  /** After this many ms every known manifest is checked again (in the background). Default 2,000. */
  readonly ttlMs?: number;
  /** Manifests read or checked at once. Default 16. */
  readonly concurrency?: number;
  /** A larger `manifest.json` is skipped. Default 4 MiB. */
  readonly maxManifestBytes?: number;
}

/** The run list of one folder. */
export interface RunIndex {
  /** Complete runs, newest first; the same array until something changes. Never throws. */
  list(): Promise<readonly RunSummary[]>;
}

/** Defaults of `RunIndexOptions`. */
export const RUN_INDEX_DEFAULTS = {
  ttlMs: 2000,
  concurrency: 16,
  maxManifestBytes: 4 * 1024 * 1024,
} as const satisfies Required<RunIndexOptions>;

/** Runs without a valid manifest re-checked on every call while there are at most this many. */
const INCOMPLETE_RECHECK_LIMIT = 64;

interface Entry {
  /** The manifest's real path, checked inside the folder, when it existed at the last check. */
  file: string | undefined;
  /** mtime and size of the manifest last read (`-1` when it was missing). */
  mtimeMs: number;
  size: number;
  summary: RunSummary | undefined;
}

/**
 * An index over `root` that lists the folder only when its mtime changes and reads each `manifest.json` once
 * per version (mtime + size):
 * 1. every call stats the folder; a new mtime re-lists it (new run folders are read, removed ones dropped);
 * 2. run folders without a valid manifest yet (a suite still writing) are checked on every call, so a
 *    manifest renamed into place is seen at once;
 * 3. after `ttlMs`, every manifest is checked again in the background while callers get the current list
 *    (a manifest rewritten in place shows up within `ttlMs`).
 * Names that are not run ids, folders escaping `root` through a symlink, and missing, oversized, invalid or
 * mismatching manifests (`runId` ≠ folder name) are skipped. Concurrent callers share one refresh.
 * @example const index = createRunIndex('results'); const [latest] = await index.list();
 */
export function createRunIndex(root: string, options: RunIndexOptions = {}): RunIndex {
  const opts = { ...RUN_INDEX_DEFAULTS, ...options };
  const entries = new Map<string, Entry>();
  let dirMtimeMs = Number.NaN;
  let checkedAt = 0;
  let sorted: readonly RunSummary[] = [];
  let inFlight: Promise<void> | undefined;
  let background: Promise<void> | undefined;

  // Reads one run's manifest again when its mtime or size changed; true when the summary changed.
  const check = async (name: string): Promise<boolean> => {
    const entry = entries.get(name);
    if (entry === undefined) return false;
    const before = entry.summary;
    // One stat of the file resolved last time; resolve again (symlinks, containment) only when it changed.
    const unchanged = (st: Stats | undefined) => st?.mtimeMs === entry.mtimeMs && st?.size === entry.size;
    if (entry.file !== undefined && unchanged(await stat(entry.file).catch(() => undefined))) return false;
    const file = await resolveInside(root, name, MANIFEST_FILE);
    const s = file === undefined ? undefined : await stat(file).catch(() => undefined);
    if (file === undefined || s === undefined) {
      [entry.file, entry.mtimeMs, entry.size, entry.summary] = [undefined, -1, -1, undefined];
      return before !== undefined;
    }
    entry.file = file;
    if (unchanged(s)) return false;
    [entry.mtimeMs, entry.size] = [s.mtimeMs, s.size];
    try {
      if (s.size === 0 || s.size > opts.maxManifestBytes) throw new Error('empty or too large');
      // Capped at the size just seen (a file growing meanwhile has a new mtime: read at the next check).
      const bytes = await readRegularFile(file, { maxBytes: s.size, what: MANIFEST_FILE });
      const m: unknown = JSON.parse(bytes.toString('utf8'));
      entry.summary = isManifest(m) && m.runId === name ? summarizeRun(m) : undefined;
    } catch {
      entry.summary = undefined;
    }
    return entry.summary !== before;
  };

  const resort = (): void => {
    sorted = [...entries.values()]
      .map((e) => e.summary)
      .filter((s): s is RunSummary => s !== undefined)
      .sort(newestFirst);
  };

  const checkAll = async (names: readonly string[]): Promise<boolean> =>
    (await mapWithLimit(names, opts.concurrency, check)).some(Boolean);

  const refresh = async (): Promise<void> => {
    // 1. The folder: re-list it when its mtime changed.
    let changed = false;
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(root)).mtimeMs;
    } catch {
      [sorted, dirMtimeMs] = [[], Number.NaN];
      entries.clear();
      return;
    }
    if (mtimeMs !== dirMtimeMs) {
      dirMtimeMs = mtimeMs;
      let names: string[] = [];
      try {
        names = (await readdir(root, { withFileTypes: true }))
          .filter((d) => (d.isDirectory() || d.isSymbolicLink()) && RUN_ID_PATTERN.test(d.name))
          .map((d) => d.name);
      } catch {
        names = [];
      }
      const present = new Set(names);
      for (const name of entries.keys()) if (!present.has(name) && entries.delete(name)) changed = true;
      for (const name of names)
        if (!entries.has(name))
          entries.set(name, { file: undefined, mtimeMs: -1, size: -1, summary: undefined });
    }
    // 2. Runs without a valid manifest (new folders included).
    const incomplete = [...entries].filter(([, e]) => e.summary === undefined).map(([n]) => n);
    if (incomplete.length <= INCOMPLETE_RECHECK_LIMIT || checkedAt === 0) {
      if (await checkAll(incomplete)) changed = true;
    }
    if (changed) resort();
  };

  // 3. Every manifest again, in the background.
  const revalidate = (): void => {
    if (background !== undefined) return;
    checkedAt = Date.now();
    background = checkAll([...entries.keys()])
      .then((changed) => {
        if (changed) resort();
      })
      .finally(() => (background = undefined));
  };

  return {
    async list() {
      if (inFlight === undefined) {
        inFlight = refresh()
          .catch(() => undefined)
          .finally(() => (inFlight = undefined));
      }
      await inFlight;
      if (checkedAt === 0) checkedAt = Date.now();
      else if (Date.now() - checkedAt > opts.ttlMs) revalidate();
      return sorted;
    },
  };
}
