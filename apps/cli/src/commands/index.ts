/** The command registry: names declared once; a name without an implementation is a type error. */
import type { Command } from '../command.js';
import { infoCommand } from './info.js';
import { logisticCommand } from './logistic.js';

export const COMMAND_NAMES = ['info', 'logistic'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const COMMANDS: Record<CommandName, Command> = {
  info: infoCommand,
  logistic: logisticCommand,
};

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}
