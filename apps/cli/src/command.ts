/** The contract every `openbox <command>` implements. */

export interface Command {
  /** One line shown by `openbox help`. */
  readonly summary: string;
  /** Usage text shown on `--help` and on bad arguments. */
  readonly usage: string;
  /** Runs the command with the arguments after its name; resolves to the process exit code. */
  run(argv: readonly string[]): Promise<number>;
}
