/** The command registry: names declared once; a name without an implementation is a type error. */
import type { Command } from '../command.js';
import { attributeCommand } from './attribute.js';
import { examplesCommand } from './examples.js';
import { explainCommand } from './explain.js';
import { infoCommand } from './info.js';
import { logisticCommand } from './logistic.js';
import { suiteCommand } from './suite.js';
import { serveCommand } from './serve.js';
import { startCommand } from './start.js';
import { visualizeCommand } from './visualize.js';

export const COMMAND_NAMES = [
  'info',
  'logistic',
  'suite',
  'serve',
  'start',
  'visualize',
  'examples',
  'attribute',
  'explain',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const COMMANDS: Record<CommandName, Command> = {
  info: infoCommand,
  logistic: logisticCommand,
  suite: suiteCommand,
  serve: serveCommand,
  start: startCommand,
  visualize: visualizeCommand,
  examples: examplesCommand,
  attribute: attributeCommand,
  explain: explainCommand,
};

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}
