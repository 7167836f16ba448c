/** Removes the `.partial` folders that runs killed before publishing left behind; a live run's folder is kept. */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readRegularFileSync } from '@openbox/safe-io';
import { LOCK_FILE, PARTIAL_NAME_PATTERN, type PartialLock } from './partial-folder.js';

/** A partial folder without a readable lock is stale after this long (1 h): no run takes that long to write its lock. */
export const STALE_UNLOCKED_AGE_MS = 60 * 60 * 1000;

export interface RemoveStalePartialsOptions {
  /** Age (from the folder's mtime) after which a partial without a readable lock is removed; default 1 h. */
  readonly unlockedMaxAgeMs?: number;
  /** The current time in ms since the epoch (tests); default `Date.now()`. */
  readonly nowMs?: number;
}

/**
 * Removes every `out/.*.partial/` folder left by a dead run and returns the names removed. A folder is dead when
 * (a) its `lock` names this host and a pid that no longer runs (`process.kill(pid, 0)` answers ESRCH), (b) it has no
 * lock but a half-written one whose writer's pid no longer runs (killed while writing it), or (c) it has no readable
 * lock and is older than `unlockedMaxAgeMs`. A lock of another host is never judged (its processes cannot
 * be seen from here); a pid that runs — even one of another user (EPERM) — keeps its folder. Failures to read or
 * remove are skipped: cleaning up never fails a run. A missing `out` has nothing to clean.
 * @example removeStalePartials('results') // ['.2026-11-25T21-04-05Z-seed0-3fa9c1.partial']
 */
export function removeStalePartials(out: string, options: RemoveStalePartialsOptions = {}): string[] {
  const maxAgeMs = options.unlockedMaxAgeMs ?? STALE_UNLOCKED_AGE_MS;
  const nowMs = options.nowMs ?? Date.now();
  let names: string[];
  try {
    names = readdirSync(out, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && PARTIAL_NAME_PATTERN.test(entry.name))
      .map((entry) => entry.name);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const dir = join(out, name);
    if (!isStale(dir, maxAgeMs, nowMs)) continue;
    try {
      rmSync(dir, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // not ours to remove (permissions) or removed meanwhile by another run's cleanup; leave it
    }
  }
  return removed;
}

function isStale(dir: string, maxAgeMs: number, nowMs: number): boolean {
  const lock = readLock(join(dir, LOCK_FILE));
  if (lock !== undefined) return lock.hostname === hostname() && !isRunning(lock.pid);
  // Killed while writing its lock: the atomic writer's temp file names the writer's pid. A live run holds this state
  // for microseconds (the lock is written right after the folder is made), so a dead writer means a dead run.
  const writer = lockWriterPid(dir);
  if (writer !== undefined && !isRunning(writer)) return true;
  try {
    return nowMs - statSync(dir).mtimeMs > maxAgeMs;
  } catch {
    return false;
  }
}

/** The pid in the name of a half-written lock (`.lock.<pid>-<random>.tmp`, safe-io's temp name), if there is one. */
function lockWriterPid(dir: string): number | undefined {
  try {
    for (const name of readdirSync(dir)) {
      const m = new RegExp(`^\\.${LOCK_FILE}\\.(\\d+)-[0-9a-f]+\\.tmp$`).exec(name);
      const pid = m === null ? NaN : Number(m[1]);
      if (Number.isSafeInteger(pid) && pid > 0) return pid;
    }
  } catch {
    // unreadable: judged by age
  }
  return undefined;
}

/** The lock's content, or `undefined` when it is missing, not a regular file, too large or malformed. */
function readLock(file: string): PartialLock | undefined {
  try {
    const value = JSON.parse(
      readRegularFileSync(file, { maxBytes: 4096, what: 'lock' }).toString('utf8'),
    ) as {
      pid?: unknown;
      hostname?: unknown;
      startedAt?: unknown;
    };
    // pid 0 and negative pids address process groups in kill(2): only a positive integer is a process.
    if (!Number.isSafeInteger(value.pid) || (value.pid as number) <= 0) return undefined;
    if (typeof value.hostname !== 'string' || typeof value.startedAt !== 'string') return undefined;
    return { pid: value.pid as number, hostname: value.hostname, startedAt: value.startedAt };
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
