/** `parseModelJson`: JSON text of a model.json to an object, with errors that quote no more than a short excerpt. */
import { escapeForMessage } from '@openbox/safe-io';
import { MESSAGES } from './messages.js';
import { ModelIoError } from './model-io-error.js';

/** Characters of the file quoted around the place JSON.parse stopped (escaped; never a whole line). */
export const JSON_EXCERPT_CHARS = 16;

/**
 * Parses `text` (the content of the model.json at `path`) as a JSON object. V8's own messages quote the text
 * (`Unexpected token 's', "secret…" is not valid JSON`), so they are never shown: the error keeps only V8's fixed
 * grammar phrase, the line and column, and an escaped excerpt of at most {@link JSON_EXCERPT_CHARS} characters.
 * @example parseModelJson('{"modelTopology": {}}', 'model.json') // { modelTopology: {} }
 */
export function parseModelJson(text: string, path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const { problem, position } = describeJsonError(error instanceof Error ? error.message : '', text);
    const where = position === undefined ? '' : ` at ${lineAndColumn(text, position)}`;
    const from = position === undefined ? 0 : Math.max(0, position - JSON_EXCERPT_CHARS / 2);
    const excerpt = escapeForMessage(text.slice(from, from + JSON_EXCERPT_CHARS), JSON_EXCERPT_CHARS);
    throw new ModelIoError('bad-json', MESSAGES.modelBadJson(path, problem, where, excerpt), path);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
    throw new ModelIoError('not-layers-model', MESSAGES.modelNotObject(path, kind), path);
  }
  return parsed as Record<string, unknown>;
}

/** V8's grammar phrase without the quoted text, and the offset it names (the end for a truncated file). */
function describeJsonError(message: string, text: string): { problem: string; position?: number } {
  if (/^Unexpected end of JSON input/.test(message))
    return { problem: 'it ends too early (truncated?)', position: text.length };
  const at = /^(.*?) in JSON at position (\d+)/.exec(message) ?? /^(.*?) at position (\d+)/.exec(message);
  if (at !== null && /^[A-Za-z ',:{}[\]-]+$/.test(at[1]!))
    return { problem: at[1]!.replace(/ after JSON$/, ' after the JSON value'), position: Number(at[2]) };
  return { problem: 'an unexpected character', position: locateUnexpected(text) };
}

/** Longest text searched for the offset V8 does not give (an unexpected character): ~22 parses of at most this. */
const LOCATE_MAX_CHARS = 4 * 1024 * 1024;

/**
 * The offset of the first character JSON.parse rejects, by bisection over prefixes: a prefix that ends before it
 * either parses, ends too early, or fails at its own end; one that holds it fails before its end.
 */
function locateUnexpected(text: string): number | undefined {
  if (text.length > LOCATE_MAX_CHARS) return undefined;
  const failsInside = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (/^Unexpected end of JSON input/.test(message)) return false;
      const at = / at position (\d+)/.exec(message);
      return at === null || Number(at[1]) < length;
    }
  };
  let low = 1;
  let high = text.length;
  if (!failsInside(high)) return undefined;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (failsInside(mid)) high = mid;
    else low = mid + 1;
  }
  return low - 1;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}
