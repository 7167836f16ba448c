/** Test helper: a temp results folder holding the fixture run (no tfjs here, so most test files load fast). */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFixtureRun } from './fixtures/write-fixture-run.js';
import type { FixtureRun } from './fixtures/write-fixture-run.js';

/** A fresh temp folder holding the fixture run; `cleanup` removes it. */
export async function fixtureDir(): Promise<{ dir: string; run: FixtureRun; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-dashboard-'));
  const run = await writeFixtureRun(dir);
  return { dir, run, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
