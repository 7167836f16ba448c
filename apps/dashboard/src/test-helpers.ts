/** Test helpers: a temp results folder with the fixture run, and a tiny real tfjs CNN for the live endpoint. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { initBackend } from '@openbox/runtime';
import { writeFixtureRun } from './fixtures/write-fixture-run.js';
import type { FixtureRun } from './fixtures/write-fixture-run.js';

/** A fresh temp folder holding the fixture run; `cleanup` removes it. */
export async function fixtureDir(): Promise<{ dir: string; run: FixtureRun; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-dashboard-'));
  const run = await writeFixtureRun(dir);
  return { dir, run, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The cpu backend (deterministic and always available). */
export async function useCpu(): Promise<void> {
  await initBackend({ backend: 'cpu' });
}

/** The fixture CNN, LR weights and digits (see `fixtures/fixture-live.ts`). */
export {
  fixtureCnn as tinyCnn,
  fixtureDigits as syntheticDigits,
  fixtureLr as tinyLr,
} from './fixtures/fixture-live.js';
