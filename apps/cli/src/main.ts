/** Dispatches `openbox <command> [args]` to the command registry; prints usage on bad input. */
import { UsageError } from './command.js';
import { COMMAND_NAMES, COMMANDS, isCommandName } from './commands/index.js';

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

/** `node:util` parseArgs errors (unknown option, missing value, …) are usage errors too. */
function isParseArgsError(error: unknown): error is Error {
  return (
    error instanceof Error && String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS_')
  );
}

/** Runs the CLI and resolves to the exit code (0 ok, 1 failure, 2 bad usage). */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(helpText());
    return name === undefined ? 2 : 0;
  }
  if (!isCommandName(name)) {
    console.error(`openbox: unknown command '${name}'. Known commands: ${COMMAND_NAMES.join(', ')}.`);
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
    if (error instanceof UsageError || isParseArgsError(error)) {
      console.error(`openbox ${name}: ${error.message}\n\nUsage: ${command.usage}`);
      return 2;
    }
    console.error(`openbox ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
