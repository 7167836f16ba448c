/** Runs the built `openbox` CLI in a child process with a hard time limit, capturing everything it printed. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI of this checkout (turbo builds @openbox/test's dependencies before its tests). */
export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/cli/dist/bin.js');

/** What one run of the CLI did. */
export interface CliRun {
  /** Exit code, or null when killed by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** True when the run was killed for passing `killAfterMs`. */
  readonly killed: boolean;
}

export interface RunCliOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** SIGKILL after this long (a hang is a failure, not a stuck test). Default 30 s. */
  readonly killAfterMs?: number;
  /** Output beyond this many bytes is a failure (memory blow-ups print a lot). Default 4 MiB. */
  readonly maxOutputBytes?: number;
}

/** Spawns `node <CLI> ...args` and resolves when it exits or is killed. */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let bytes = 0;
  let killed = false;
  const limit = options.maxOutputBytes ?? 4 * 1024 * 1024;
  const collect = (into: Buffer[]) => (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes <= limit) into.push(chunk);
    else if (!killed) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  child.stdout.on('data', collect(out));
  child.stderr.on('data', collect(err));
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, options.killAfterMs ?? 30_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
        killed,
      });
    });
  });
}

/** A Node stack frame or an internal module path: a user must never see one. */
export const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\))$|node:internal|\.ts:\d+:\d+|\.js:\d+:\d+/m;

/** Raw control characters other than newline and tab (an unescaped ANSI escape or NUL). */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
