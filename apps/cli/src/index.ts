/** @openbox/cli — the `openbox` command line; `main` runs it, the option parser is shared by every command. */

// Running the CLI
export { main } from './main.js';
export { COMMAND_NAMES, COMMANDS, isCommandName } from './commands/index.js';
export type { CommandName } from './commands/index.js';
export type { Command } from './command.js';

// The option parser
export { parseOptions, camelCase, OPTION_KINDS } from './args.js';
export type {
  CamelCase,
  EnumSpec,
  FlagSpec,
  FloatSpec,
  IntegerSpec,
  ItemSpec,
  ListSpec,
  OptionKind,
  OptionSpec,
  OptionSpecs,
  OptionValue,
  ParsedOptions,
  RangeListSpec,
  StringSpec,
} from './args.js';
export { expandRangeList, formatRanges, parseRangeList, rangeListOf } from './range-list.js';
export type { RangeBound, RangeList } from './range-list.js';
export { formatUsage } from './usage.js';

// Errors
export { UsageError, USAGE_ERROR_CODES, CommandError, COMMAND_ERROR_CODES } from './errors.js';
export type { UsageErrorCode, CommandErrorCode } from './errors.js';
