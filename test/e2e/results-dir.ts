/** The results folder the browser test serves: a real `openbox suite --quick` run. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { listRuns, type Manifest } from '@openbox/suite';

const run = promisify(execFile);

/** A results folder holding one complete run, its manifest, and how to remove it. */
export interface PreparedResults {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly cleanup: () => Promise<void>;
}

/** The built `openbox` CLI of this checkout (turbo builds every dependency of @openbox/test before its tests). */
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/cli/dist/bin.js');

/**
 * A real run: spawns `openbox suite --quick --out <temp dir>` (every experiment of the registry, on the reference
 * CNN, trained and cached on first use) and reads the manifest it wrote. `OPENBOX_E2E_RESULTS=<dir>` serves an
 * existing results folder instead.
 */
export async function prepareResultsDir(): Promise<PreparedResults> {
  const existing = process.env['OPENBOX_E2E_RESULTS'];
  if (existing !== undefined && existing !== '') {
    const latest = listRuns(existing)[0];
    if (latest === undefined)
      throw new Error(`prepareResultsDir: no complete run in OPENBOX_E2E_RESULTS=${existing}`);
    return { dir: existing, manifest: latest, cleanup: async () => undefined };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-e2e-'));
  await run(process.execPath, [CLI, 'suite', '--quick', '--out', dir], {
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const latest = listRuns(dir)[0];
  if (latest === undefined)
    throw new Error(`prepareResultsDir: openbox suite wrote no complete run in ${dir}`);
  return { dir, manifest: latest, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
