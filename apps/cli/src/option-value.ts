/** `parseOptionValue`: one option's text → its typed value, by the kind of its spec; `describeSpec` for messages. */
import { escapeForMessage } from '@openbox/safe-io';
import type { FlagSpec, ItemSpec, OptionSpec } from './args.js';
import { UsageError } from './errors.js';
import { MESSAGES } from './messages.js';
import { parseRangeList } from './range-list.js';

/** Longest string value accepted when a spec sets no `maxLength`. */
export const DEFAULT_MAX_LENGTH = 4096;

/** A canonical decimal integer: what `String(n)` prints for a safe integer. */
const INTEGER = /^(?:0|-?[1-9][0-9]*)$/;
/** Decimal or exponent syntax; excludes hex/binary/octal literals, `Infinity`, `NaN`, '' and whitespace. */
const DECIMAL = /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

/** A bound as a person would type it: `1e6`, `0.5`, `2147483647`. */
export function formatBound(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) >= 1e6 && /^-?10*$/.test(String(value))) {
    return value.toExponential().replace('e+', 'e');
  }
  return String(value);
}

/** What a spec accepts, as the end of "--name must be …". */
export function describeSpec(spec: Exclude<OptionSpec, FlagSpec>): string {
  switch (spec.kind) {
    case 'string':
      return spec.pathLike ? 'a path' : spec.allowEmpty ? 'a string' : 'a non-empty string';
    case 'integer':
      return `an integer from ${spec.min} to ${spec.max}`;
    case 'float':
      return `a number from ${formatBound(spec.min)} to ${formatBound(spec.max)}`;
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'list':
      return `a comma-separated list of at most ${spec.maxItems} items, each ${describeSpec(spec.item)}`;
    case 'range-list':
      return `numbers and ranges like 0-7 or 0,3,5-6 (at most ${spec.maxCount} in all)`;
  }
}

/** Checks `text` against `spec` and returns the typed value; throws a {@link UsageError} naming `--name`. */
export function parseOptionValue(name: string, spec: Exclude<OptionSpec, FlagSpec>, text: string): unknown {
  switch (spec.kind) {
    case 'list':
      return parseList(name, spec.item, spec.maxItems, text);
    case 'range-list':
      return parseRangeList(name, spec, text);
    default:
      return parseItem(name, spec, text, false);
  }
}

function parseItem(name: string, spec: ItemSpec, text: string, asItem: boolean): string | number {
  const invalid = (): UsageError =>
    new UsageError(
      'invalid-value',
      (asItem ? MESSAGES.invalidItem : MESSAGES.invalidValue)(
        name,
        describeSpec(spec),
        escapeForMessage(text),
      ),
      name,
    );
  switch (spec.kind) {
    case 'string': {
      if (text === '' && (spec.pathLike || !spec.allowEmpty)) throw invalid();
      const maxLength = spec.maxLength ?? DEFAULT_MAX_LENGTH;
      if (text.length > maxLength) {
        throw new UsageError(
          'invalid-value',
          MESSAGES.tooLong(name, maxLength, escapeForMessage(text)),
          name,
        );
      }
      if (spec.pathLike && text.includes('\0')) {
        throw new UsageError('invalid-value', MESSAGES.pathWithNul(name, escapeForMessage(text)), name);
      }
      return text;
    }
    case 'integer': {
      // Canonical digits only; longer than 16 digits is out of any safe range before Number() rounds it.
      if (!INTEGER.test(text) || text.replace('-', '').length > 16) throw invalid();
      const value = Number(text);
      if (value < spec.min || value > spec.max) throw invalid();
      return value;
    }
    case 'float': {
      if (text.length > 64 || !DECIMAL.test(text)) throw invalid();
      const value = Number(text);
      if (!Number.isFinite(value) || value < spec.min || value > spec.max) throw invalid();
      return value === 0 ? 0 : value; // -0 → 0
    }
    case 'enum':
      if (!(spec.values as readonly string[]).includes(text)) throw invalid();
      return text;
  }
}

function parseList(name: string, item: ItemSpec, maxItems: number, text: string): (string | number)[] {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.some((part) => part === '')) {
    throw new UsageError('invalid-value', MESSAGES.emptyListItem(name, escapeForMessage(text)), name);
  }
  if (parts.length > maxItems) {
    throw new UsageError('invalid-value', MESSAGES.tooManyItems(name, maxItems, parts.length), name);
  }
  const seen = new Set<string | number>();
  for (const part of parts) {
    const value = parseItem(name, item, part, true);
    if (seen.has(value)) {
      const message = MESSAGES.duplicateItem(name, escapeForMessage(part), escapeForMessage(text));
      throw new UsageError('invalid-value', message, name);
    }
    seen.add(value);
  }
  return [...seen];
}
