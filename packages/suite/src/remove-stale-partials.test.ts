import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeStalePartials } from './remove-stale-partials.js';

/** The pid of a process that has exited (a child spawned and waited for). */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('removeStalePartials: a run killed while writing its lock', () => {
  let out: string;
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it.each([
    ['a dead writer', deadPid, true],
    ['this (live) process', () => process.pid, false],
  ])('a fresh partial whose only lock is a temp file of %s is removed: %s', (_name, pid, removed) => {
    out = mkdtempSync(join(tmpdir(), 'stale-lock-'));
    const name = '.2026-12-01T10-00-00Z-seed0-abc123.partial';
    mkdirSync(join(out, name));
    writeFileSync(join(out, name, `.lock.${pid()}-0a1b2c3d4e5f.tmp`), '{"pid":');
    expect(removeStalePartials(out)).toEqual(removed ? [name] : []);
    expect(readdirSync(out)).toEqual(removed ? [] : [name]);
  });
});
