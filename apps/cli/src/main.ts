/** Dispatches `openbox <command> [args]` to the command registry; prints usage on bad input. */
import { escapeForMessage } from '@openbox/safe-io';
import { COMMAND_NAMES, COMMANDS, isCommandName } from './commands/index.js';
import { UsageError } from './errors.js';
import { MESSAGES } from './messages.js';

function helpText(): string {
  const width = Math.max(...COMMAND_NAMES.map((n) => n.length));
  const lines = COMMAND_NAMES.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n].summary}`);
  return [
    'Usage: openbox <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `openbox <command> --help` for its options.',
  ].join('\n');
}

/**
 * Runs the CLI and resolves to the exit code: 0 ok, 1 failure, 2 bad usage. Usage errors are printed with the
 * command's usage; every error is printed as its message only (no stack trace), on stderr.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    console.log(helpText());
    return 0;
  }
  if (name === undefined) {
    console.error(helpText());
    return 2;
  }
  if (!isCommandName(name)) {
    console.error(MESSAGES.unknownCommand(escapeForMessage(name), COMMAND_NAMES));
    return 2;
  }
  const command = COMMANDS[name];
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`openbox ${name}: ${error.message}\n\nUsage: ${command.usage}`);
      return 2;
    }
    console.error(`openbox ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
