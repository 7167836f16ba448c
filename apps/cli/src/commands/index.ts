/** The command registry: names declared once; a name without an implementation is a type error. */
import type { Command } from '../command.js';
import { infoCommand } from './info.js';

export const COMMAND_NAMES = ['info'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const COMMANDS: Record<CommandName, Command> = {
  info: infoCommand,
};

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}
