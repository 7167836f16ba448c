/** The results folder the browser test serves — the one step to swap for a real `openbox suite --quick` run. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFixtureRun } from '@openbox/dashboard/fixtures';

/** The fields of `manifest.json` (see `@openbox/suite` results-format) the browser test checks. */
export interface Manifest {
  readonly runId: string;
  readonly createdAt: string;
  readonly backend: string;
  readonly experiments: readonly {
    readonly id: string;
    readonly title: string;
    readonly status: 'ok' | 'failed';
    readonly verdict?: { readonly status: string };
  }[];
}

/** A results folder holding one complete run, its manifest, and how to remove it. */
export interface PreparedResults {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly cleanup: () => Promise<void>;
}

/**
 * Writes the dashboard's format fixture (real chart builders, one PNG, one failed experiment) into a temp
 * folder. To test a real run instead, replace the body with `openbox suite --quick --out <dir>` (spawned) and
 * read `<dir>/<run-id>/manifest.json`; the test reads everything else from the manifest.
 */
export async function prepareResultsDir(): Promise<PreparedResults> {
  // An existing results folder (e.g. from `openbox suite --quick`) can be checked with OPENBOX_E2E_RESULTS=<dir>.
  const existing = process.env['OPENBOX_E2E_RESULTS'];
  if (existing !== undefined && existing !== '') {
    const runs = await readdir(existing, { withFileTypes: true });
    const manifests: Manifest[] = [];
    for (const r of runs) {
      const file = path.join(existing, r.name, 'manifest.json');
      if (r.isDirectory())
        manifests.push(JSON.parse(await readFile(file, 'utf8').catch(() => 'null')) as Manifest);
    }
    const latest = manifests
      .filter((m) => m !== null)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    if (latest === undefined)
      throw new Error(`prepareResultsDir: no complete run in OPENBOX_E2E_RESULTS=${existing}`);
    return { dir: existing, manifest: latest, cleanup: async () => undefined };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'openbox-e2e-'));
  const { runId } = await writeFixtureRun(dir);
  const manifest = JSON.parse(await readFile(path.join(dir, runId, 'manifest.json'), 'utf8')) as Manifest;
  return { dir, manifest, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
