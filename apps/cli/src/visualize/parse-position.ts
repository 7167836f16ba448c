/** `--position X,Y`: the column and row of a neuron in its layer (a pair may repeat a number, unlike a list). */
import { escapeForMessage } from '@openbox/safe-io';
import { UsageError } from '../errors.js';
import { MESSAGES } from '../messages.js';

/** A position in a layer's spatial grid. */
export interface LayerPosition {
  readonly x: number;
  readonly y: number;
}

const PAIR = /^\s*(0|[1-9][0-9]{0,8})\s*,\s*(0|[1-9][0-9]{0,8})\s*$/;

/**
 * Parses `X,Y` (whole numbers, column first); the layer's extent is checked by the objective's validation.
 * @example parsePosition('3,3') // { x: 3, y: 3 }
 */
export function parsePosition(text: string): LayerPosition {
  const m = PAIR.exec(text);
  if (m === null)
    throw new UsageError('invalid-value', MESSAGES.badPosition(escapeForMessage(text)), 'position');
  return { x: Number(m[1]), y: Number(m[2]) };
}
