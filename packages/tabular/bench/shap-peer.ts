/**
 * The SHAP side of the tabular benchmark: a Python with `shap` (a venv made once in the OpenBox cache,
 * `python3 -m venv --system-site-packages` + `pip install shap`, benchmark-only) and a persistent
 * `shap_reference.py` process answering one JSON line per command.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
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
export class ShapPeer {
  private readonly lines: string[] = [];
  private waiting: { resolve: (line: string) => void; reject: (e: Error) => void } | undefined;
  private exit: Error | undefined;
  private readonly child: ChildProcessWithoutNullStreams;
  info: PeerInfo | undefined;

  constructor(python: string, dir: string) {
    this.child = spawn(python, [SCRIPT, dir], { env: { ...process.env, PYTHONWARNINGS: 'ignore' } });
    this.child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const w = this.waiting;
      this.waiting = undefined;
      if (w) w.resolve(line);
      else this.lines.push(line);
    });
    this.child.on('exit', (code) => {
      this.exit = new Error(`shap_reference.py exited with ${code}`);
      this.waiting?.reject(this.exit);
    });
  }

  private next(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.exit) return Promise.reject(this.exit);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  async ready(): Promise<void> {
    this.info = JSON.parse(await this.next()) as PeerInfo;
  }

  async ask<T>(command: string): Promise<T> {
    this.child.stdin.write(`${command}\n`);
    return JSON.parse(await this.next()) as T;
  }

  close(): void {
    this.child.stdin.end();
  }
}
