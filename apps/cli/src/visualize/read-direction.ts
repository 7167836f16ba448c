/** `--direction FILE`: a vector in a layer's channel space, read from JSON and checked for length and finiteness. */
import { escapeForMessage, readRegularFile, SafeIoError } from '@openbox/safe-io';
import { CommandError } from '../errors.js';
import { MESSAGES } from '../messages.js';

/** Largest direction file read (a million channels of JSON numbers fit). */
export const DIRECTION_MAX_BYTES = 16 * 2 ** 20;

/**
 * The entries of a parsed direction: a plain array, or an object whose `vector` is one; `null` otherwise.
 * Every entry must be a finite number and there must be exactly `channels` of them.
 */
export function parseDirection(json: unknown, file: string, layer: string, channels: number): number[] {
  const shown = escapeForMessage(file);
  const vector = Array.isArray(json)
    ? json
    : typeof json === 'object' && json !== null && Array.isArray((json as { vector?: unknown }).vector)
      ? (json as { vector: unknown[] }).vector
      : null;
  if (vector === null)
    throw new CommandError('bad-input-file', MESSAGES.directionFile(shown, 'is not an array of numbers'));
  vector.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      const value = escapeForMessage(
        typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? 'undefined'),
        40,
      );
      throw new CommandError('bad-input-file', MESSAGES.directionNotFinite(shown, i, value));
    }
  });
  if (vector.length !== channels)
    throw new CommandError(
      'bad-input-file',
      MESSAGES.directionLength(shown, vector.length, escapeForMessage(layer), channels),
    );
  if (vector.every((v) => v === 0))
    throw new CommandError(
      'bad-input-file',
      MESSAGES.directionFile(shown, 'is all zeros, which has no direction'),
    );
  return vector as number[];
}

/**
 * Reads `path` through safe-io's capped reader (regular files only) and parses it with {@link parseDirection}.
 * A value that overflows JSON's numbers (`1e999`) reads as Infinity and is refused like any non-finite entry.
 * @example const v = await readDirection('dir.json', 'conv2d_2', 32); // 32 numbers
 */
export async function readDirection(path: string, layer: string, channels: number): Promise<number[]> {
  let text: string;
  try {
    text = (
      await readRegularFile(path, {
        maxBytes: DIRECTION_MAX_BYTES,
        what: 'direction file',
        caller: '--direction',
      })
    ).toString('utf8');
  } catch (error) {
    if (error instanceof SafeIoError) throw new CommandError('bad-input-file', error.message);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CommandError(
      'bad-input-file',
      MESSAGES.directionFile(
        escapeForMessage(path),
        `is not JSON (${escapeForMessage((error as Error).message, 80)})`,
      ),
    );
  }
  return parseDirection(json, path, layer, channels);
}
