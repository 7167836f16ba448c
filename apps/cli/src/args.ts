/**
 * The one option parser of the CLI: declarative typed option specs in, one typed object out (`--ml-steps` →
 * `mlSteps`). A spec's type drives its value's type, so `parseOptions(SPECS, argv).seed` is a `number`.
 */
import { escapeForMessage } from '@openbox/safe-io';
import { UsageError } from './errors.js';
import { MESSAGES } from './messages.js';
import { parseOptionValue } from './option-value.js';
import type { RangeList } from './range-list.js';

/** What every spec may carry: a help line for the usage, the placeholder shown after the option. */
interface SpecBase {
  /** One line for the usage text; the allowed values and the default are appended to it. */
  readonly help?: string;
  /** Shown after the option in the usage, e.g. `FILE` (default `VALUE`). */
  readonly placeholder?: string;
}

/** A value-taking spec: `required`, or a `default` used when the option is absent. */
interface ValueBase<T> extends SpecBase {
  readonly required?: boolean;
  readonly default?: T;
}

/** `--name` with no value: `true` when given, else `false`. */
export interface FlagSpec extends SpecBase {
  readonly kind: 'flag';
}
/** Any text; empty only with `allowEmpty`; `pathLike` also rejects NUL. Longer than `maxLength` (4096) is an error. */
export interface StringSpec extends ValueBase<string> {
  readonly kind: 'string';
  readonly allowEmpty?: boolean;
  readonly pathLike?: boolean;
  readonly maxLength?: number;
}
/** A canonical decimal integer (`0`, `-12`; no `+`, leading zeros, exponents or hex) in `[min, max]`. */
export interface IntegerSpec extends ValueBase<number> {
  readonly kind: 'integer';
  readonly min: number;
  readonly max: number;
}
/** A finite number in decimal or exponent syntax (`0.5`, `-1`, `1e-3`; no hex, `Infinity`, `NaN`) in `[min, max]`. */
export interface FloatSpec extends ValueBase<number> {
  readonly kind: 'float';
  readonly min: number;
  readonly max: number;
}
/** One of `values`, exactly. */
export interface EnumSpec<V extends string = string> extends ValueBase<V> {
  readonly kind: 'enum';
  readonly values: readonly V[];
}
/** What a list's items may be. */
export type ItemSpec = StringSpec | IntegerSpec | FloatSpec | EnumSpec;
/** Comma-separated items (trimmed), each checked by `item`; empty items and repeats are errors. */
export interface ListSpec extends ValueBase<readonly (string | number)[]> {
  readonly kind: 'list';
  readonly item: ItemSpec;
  readonly maxItems: number;
}
/**
 * Numbers and ranges like `0-7,9`, parsed into sorted, merged `[lo, hi]` pairs WITHOUT expanding; at most
 * `maxCount` values in all and each ≤ `max` (default 2^31 − 1). Check against a real bound with `expandRangeList`.
 */
export interface RangeListSpec extends ValueBase<never> {
  readonly kind: 'range-list';
  readonly maxCount: number;
  readonly max?: number;
}

export type OptionSpec =
  FlagSpec | StringSpec | IntegerSpec | FloatSpec | EnumSpec | ListSpec | RangeListSpec;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;
export const OPTION_KINDS = ['flag', 'string', 'integer', 'float', 'enum', 'list', 'range-list'] as const;
export type OptionKind = (typeof OPTION_KINDS)[number];

type ItemValue<S> = S extends { readonly kind: 'string' }
  ? string
  : S extends { readonly kind: 'integer' | 'float' }
    ? number
    : S extends { readonly kind: 'enum'; readonly values: readonly (infer V)[] }
      ? V
      : never;
/** The value a spec parses to. */
export type OptionValue<S> = S extends { readonly kind: 'flag' }
  ? boolean
  : S extends { readonly kind: 'list'; readonly item: infer I }
    ? readonly ItemValue<I>[]
    : S extends { readonly kind: 'range-list' }
      ? RangeList
      : ItemValue<S>;
/** Whether the parsed value is always there: flags, required options and options with a default. */
type AlwaysSet<S> = S extends { readonly kind: 'flag' }
  ? true
  : S extends { readonly required: true }
    ? true
    : S extends { readonly default: unknown }
      ? true
      : false;
/** `'ml-steps'` → `'mlSteps'`. */
export type CamelCase<K extends string> = K extends `${infer H}-${infer T}`
  ? `${H}${Capitalize<CamelCase<T>>}`
  : K;
/** The typed object {@link parseOptions} returns for `S`. */
export type ParsedOptions<S extends OptionSpecs> = {
  readonly [K in keyof S & string as CamelCase<K>]: AlwaysSet<S[K]> extends true
    ? OptionValue<S[K]>
    : OptionValue<S[K]> | undefined;
};

/** The key an option's value has in the parsed object. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The placeholder of a value-taking option in messages and the usage. */
export function placeholderOf(spec: OptionSpec): string {
  return spec.placeholder ?? (spec.kind === 'integer' || spec.kind === 'float' ? 'N' : 'VALUE');
}

/**
 * Parses `argv` against `specs`: `--name value` or `--name=value` (a value may start with `-`, so `--l2 -1`
 * reaches the number check), flags as `--name`. Unknown options, missing values, repeated options, flags with a
 * value, positionals and missing required options are {@link UsageError}s naming the option; so are values their
 * spec rejects (the message gives the value, escaped and cut short, and what is allowed).
 * @example parseOptions({ seed: { kind: 'integer', min: 0, max: 9, default: 0 } }, ['--seed', '3']) // { seed: 3 }
 */
export function parseOptions<const S extends OptionSpecs>(
  specs: S,
  argv: readonly string[],
): ParsedOptions<S> {
  // 1. Tokens → the raw text of each option given.
  const raw = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith('-') || token === '-' || token === '--') {
      throw new UsageError('unexpected-argument', MESSAGES.unexpectedArgument(escapeForMessage(token)));
    }
    const eq = token.indexOf('=');
    const name = token.startsWith('--') ? token.slice(2, eq < 0 ? undefined : eq) : '';
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec === undefined) {
      const shown = escapeForMessage(eq < 0 ? token : token.slice(0, eq));
      throw new UsageError('unknown-option', MESSAGES.unknownOption(shown, Object.keys(specs)));
    }
    if (raw.has(name)) throw new UsageError('repeated-option', MESSAGES.repeatedOption(name), name);
    if (spec.kind === 'flag') {
      if (eq >= 0) {
        const value = escapeForMessage(token.slice(eq + 1));
        throw new UsageError('flag-with-value', MESSAGES.flagWithValue(name, value), name);
      }
      raw.set(name, true);
      continue;
    }
    if (eq >= 0) {
      raw.set(name, token.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) {
      const shown = next === undefined ? undefined : escapeForMessage(next);
      throw new UsageError('missing-value', MESSAGES.missingValue(name, placeholderOf(spec), shown), name);
    }
    raw.set(name, next);
    i++;
  }
  // 2. Each spec → its typed value.
  const parsed: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const text = raw.get(name);
    parsed[camelCase(name)] =
      spec.kind === 'flag' ? text === true : valueOrDefault(name, spec, text as string | undefined);
  }
  return parsed as ParsedOptions<S>;
}

function valueOrDefault(
  name: string,
  spec: Exclude<OptionSpec, FlagSpec>,
  text: string | undefined,
): unknown {
  if (text !== undefined) return parseOptionValue(name, spec, text);
  if (spec.required === true) {
    throw new UsageError('missing-option', MESSAGES.missingOption(name, placeholderOf(spec)), name);
  }
  return spec.default;
}
