/**
 * The SHAP side of the tabular benchmark: a Python with `shap` (the shared benchmark venv of `bench/bench-python.ts`,
 * benchmark-only) and a persistent
 * `shap_reference.py` process answering one JSON line per command.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchPython, type BenchPython } from '../../../bench/bench-python.js';
import { LinePeer } from '../../../bench/line-peer.js';
import { defaultCacheDir } from '@openbox/runtime';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'shap_reference.py');

/** The venv's python with `shap` (see {@link benchPython}), or why there is none (the benchmark then says it skipped SHAP). */
export function shapPython(): BenchPython {
  return benchPython(['shap'], defaultCacheDir());
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
