/**
 * The SHAP side of the tabular benchmark: a Python with `shap` (a venv made once in the OpenBox cache,
 * `python3 -m venv --system-site-packages` + `pip install shap`, benchmark-only) and a persistent
 * `shap_reference.py` process answering one JSON line per command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LinePeer } from '../../../bench/line-peer.js';
import { defaultCacheDir } from '@openbox/runtime';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'shap_reference.py');

/** The venv's python, or why there is none (the benchmark then says it skipped SHAP). */
export function shapPython(): { python: string } | { skipped: string } {
  const venv = join(defaultCacheDir(), 'bench-venv');
  const python = join(venv, 'bin', 'python');
  const lastLine = (r: ReturnType<typeof spawnSync>) =>
    r.error?.message ??
    String(r.stderr ?? '')
      .trim()
      .split('\n')
      .at(-1) ??
    `exit ${r.status}`;
  if (!existsSync(python)) {
    const made = spawnSync('python3', ['-m', 'venv', '--system-site-packages', venv], { encoding: 'utf8' });
    if (made.status !== 0) return { skipped: `python3 -m venv ${venv} failed (${lastLine(made)})` };
  }
  if (spawnSync(python, ['-c', 'import shap'], { encoding: 'utf8' }).status !== 0) {
    console.log(`installing shap into ${venv} (once)…`);
    const pip = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--retries', '0', 'shap'], {
      encoding: 'utf8',
      timeout: 900_000,
    });
    if (pip.status !== 0) return { skipped: `pip install shap into ${venv} failed (${lastLine(pip)})` };
  }
  return { python };
}

/** What `shap_reference.py` reports when it starts. */
export interface PeerInfo {
  readonly shap: string;
  readonly numpy: string;
  readonly python: string;
}

/** A persistent `shap_reference.py <dir>`: `ask('exact 100')` → `{ seconds }`, `ask('values')` → the results. */
export class ShapPeer extends LinePeer<PeerInfo> {
  constructor(python: string, dir: string) {
    super(python, [SCRIPT, dir], { PYTHONWARNINGS: 'ignore' }, 'shap_reference.py');
  }
}
