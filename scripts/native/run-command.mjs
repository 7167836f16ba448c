/**
 * Runs one external command of `pnpm setup:native` (pip, python3, node-gyp, nm, node) and turns a failure into an
 * error that quotes the command, its exit status and the last lines it printed, so the script can print exactly
 * what failed.
 */
import { spawnSync } from 'node:child_process';

/** An external command that could not start or exited non-zero. */
export class CommandError extends Error {
  constructor(message, { command, status, output }) {
    super(message);
    this.name = 'CommandError';
    this.command = command;
    this.status = status;
    this.output = output;
  }
}

/** The last `count` non-empty lines of `text`. */
export function lastLines(text, count = 15) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .join('\n');
}

/**
 * Runs `command args…` and returns its stdout; throws a {@link CommandError} when it cannot start or exits non-zero.
 * `options.echo` passes its output through (long steps: pip, node-gyp) instead of collecting it.
 * @example const out = runCommand('nm', ['-D', '--defined-only', lib]);
 */
export function runCommand(command, args, options = {}) {
  const shown = [command, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ');
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: options.echo ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 30 * 60_000,
  });
  if (result.error !== undefined)
    throw new CommandError(`could not run \`${shown}\`: ${result.error.message}`, {
      command: shown,
      status: null,
      output: '',
    });
  if (result.status !== 0) {
    const output = lastLines(`${result.stdout ?? ''}\n${result.stderr ?? ''}`);
    const how = result.status === null ? `was killed (${result.signal})` : `exited with ${result.status}`;
    throw new CommandError(`\`${shown}\` ${how}${output ? `:\n${output}` : ' (its output is above)'}`, {
      command: shown,
      status: result.status,
      output,
    });
  }
  return result.stdout ?? '';
}
