/** One bad-input case of the CLI: the arguments, the exit code, and what the message must (and must not) say. */
import type { Fixtures } from './fixtures.js';

export interface CliCase {
  /** Unique, shown in the test name. */
  readonly name: string;
  /** The arguments after `openbox`, built from the fixtures' paths. */
  readonly args: (fx: Fixtures) => readonly string[];
  /** 2 for bad usage, 1 for a failure (bad file, bad model, …). */
  readonly exit: 1 | 2;
  /** Each must appear in stderr (a string literally, a RegExp matched). */
  readonly mentions: (fx: Fixtures) => readonly (string | RegExp)[];
  /** None of these may appear in stdout or stderr (secrets read from a file, raw input). */
  readonly absent?: readonly (string | RegExp)[];
  /** Upper bound on the run's wall time. Default 15 s (the CLI starts in ~1 s; a hang is killed at 30 s). */
  readonly maxMs?: number;
  /** Extra environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Shorthand: a case whose arguments and mentions need no fixture paths. */
export function plain(
  name: string,
  args: readonly string[],
  exit: 1 | 2,
  mentions: readonly (string | RegExp)[],
  extra: Partial<Pick<CliCase, 'absent' | 'maxMs' | 'env'>> = {},
): CliCase {
  return { name, args: () => args, exit, mentions: () => mentions, ...extra };
}
