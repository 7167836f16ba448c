/** Test helper: runs one CLI command through `main` with `console.log` (stdout) and `console.error` captured. */
import { vi } from 'vitest';
import { main } from './main.js';

/** What a command printed, and its exit code. */
export interface CommandRun {
  readonly code: number;
  /** Lines written to stdout, joined by newlines. */
  readonly out: string;
  /** Lines written to stderr, joined by newlines. */
  readonly err: string;
}

/**
 * `main([command, ...argv])` with stdout and stderr captured (and restored afterwards, also when it throws).
 * @example const { code, out } = await runCommand('attribute', ['--digits', '0', '--method', 'saliency', '--json']);
 */
export function runCommand(command: string, argv: readonly string[]): Promise<CommandRun> {
  return runMain([command, ...argv]);
}

/** `main(argv)` (any arguments, a command or none) with stdout and stderr captured. */
export async function runMain(argv: readonly string[]): Promise<CommandRun> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await main([...argv]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
