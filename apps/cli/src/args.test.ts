import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseOptions, type OptionKind, type OptionSpecs } from './args.js';
import { UsageError, type UsageErrorCode } from './errors.js';
import { expandRangeList, formatRanges, parseRangeList, type RangeList } from './range-list.js';
import { formatUsage } from './usage.js';

/** One spec of every kind; a kind left out of this table is a type error below. */
const SPECS = {
  verbose: { kind: 'flag' },
  name: { kind: 'string' },
  note: { kind: 'string', allowEmpty: true, maxLength: 8 },
  out: { kind: 'string', pathLike: true, default: 'results' },
  seed: { kind: 'integer', min: 0, max: 2 ** 31 - 1, default: 0 },
  steps: { kind: 'integer', min: 1, max: 10_000 },
  l2: { kind: 'float', min: 0, max: 1e6, default: 0 },
  shift: { kind: 'float', min: -1, max: 1 },
  mode: { kind: 'enum', values: ['fast', 'exact'], default: 'fast' },
  only: { kind: 'list', item: { kind: 'enum', values: ['a', 'b', 'c'] }, maxItems: 3, default: [] },
  sizes: { kind: 'list', item: { kind: 'integer', min: 1, max: 99 }, maxItems: 4 },
  channels: { kind: 'range-list', maxCount: 512 },
  'ml-steps': { kind: 'integer', min: 0, max: 1_000_000 },
} as const satisfies OptionSpecs;

const KIND_OF_SPEC: Record<OptionKind, keyof typeof SPECS> = {
  flag: 'verbose',
  string: 'name',
  integer: 'seed',
  float: 'l2',
  enum: 'mode',
  list: 'only',
  'range-list': 'channels',
};

const parse = (argv: string[]) => parseOptions(SPECS, argv);

/** The UsageError `fn` throws (fails the test when it throws nothing or something else). */
function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}

describe('parseOptions: values of every kind', () => {
  it('defaults: flags false, defaults filled, the rest undefined; keys in camelCase', () => {
    expect(parse([])).toEqual({
      verbose: false,
      name: undefined,
      note: undefined,
      out: 'results',
      seed: 0,
      steps: undefined,
      l2: 0,
      shift: undefined,
      mode: 'fast',
      only: [],
      sizes: undefined,
      channels: undefined,
      mlSteps: undefined,
    });
  });

  it('the parsed type follows the specs', () => {
    const p = parse([]);
    expectTypeOf(p.verbose).toEqualTypeOf<boolean>();
    expectTypeOf(p.seed).toEqualTypeOf<number>();
    expectTypeOf(p.steps).toEqualTypeOf<number | undefined>();
    expectTypeOf(p.mode).toEqualTypeOf<'fast' | 'exact'>();
    expectTypeOf(p.only).toEqualTypeOf<readonly ('a' | 'b' | 'c')[]>();
    expectTypeOf(p.channels).toEqualTypeOf<RangeList | undefined>();
    expectTypeOf(p.mlSteps).toEqualTypeOf<number | undefined>();
    expect(Object.keys(KIND_OF_SPEC)).toHaveLength(7);
  });

  it.each<[string, string[], Record<string, unknown>]>([
    ['flag', ['--verbose'], { verbose: true }],
    ['string', ['--name', 'x y'], { name: 'x y' }],
    ['string with =', ['--name=a=b'], { name: 'a=b' }],
    ['string starting with -', ['--name', '-x'], { name: '-x' }],
    ['string starting with -- after =', ['--name=--x'], { name: '--x' }],
    ['empty string allowed', ['--note='], { note: '' }],
    ['path', ['--out', './a b/c'], { out: './a b/c' }],
    ['integer', ['--seed', '2147483647'], { seed: 2147483647 }],
    ['integer zero', ['--seed=0'], { seed: 0 }],
    ['float, negative value as the next argument', ['--shift', '-1'], { shift: -1 }],
    ['float exponent', ['--l2', '1e-3'], { l2: 0.001 }],
    ['float decimal', ['--l2', '.5'], { l2: 0.5 }],
    ['float upper bound', ['--l2', '1e6'], { l2: 1e6 }],
    ['float -0 is 0', ['--l2', '-0'], { l2: 0 }],
    ['enum', ['--mode', 'exact'], { mode: 'exact' }],
    ['list, items trimmed', ['--only', 'a, c'], { only: ['a', 'c'] }],
    ['list of integers', ['--sizes', '3,1'], { sizes: [3, 1] }],
    ['dashed name', ['--ml-steps', '1000000'], { mlSteps: 1_000_000 }],
  ])('%s: %j', (_, argv, expected) => {
    expect(parse(argv)).toMatchObject(expected);
  });

  it('range lists are sorted, merged and counted without expanding', () => {
    const list = parse(['--channels', '9, 5-6,0-3,2-4,7']).channels!;
    expect(list.ranges).toEqual([
      [0, 7],
      [9, 9],
    ]);
    expect(list.count).toBe(9);
    expect(expandRangeList(list, { limit: 10, owner: "layer 'c1'", unit: 'channels' })).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 9,
    ]);
  });
});

describe('parseOptions: errors name the option, the value and what is allowed', () => {
  it.each<[string, string[], UsageErrorCode, string]>([
    [
      'unknown option',
      ['--bogus'],
      'unknown-option',
      "unknown option '--bogus'; known options: --verbose, --name,",
    ],
    ['unknown option with =', ['--bogus=1'], 'unknown-option', "unknown option '--bogus'"],
    ['single dash', ['-x'], 'unknown-option', "unknown option '-x'"],
    ['__proto__ is not an option', ['--__proto__', '1'], 'unknown-option', "unknown option '--__proto__'"],
    [
      'positional',
      ['extra'],
      'unexpected-argument',
      "unexpected argument 'extra': this command takes only --options (write --name value or --name=value).",
    ],
    ['bare --', ['--'], 'unexpected-argument', "unexpected argument '--'"],
    ['missing value at the end', ['--name'], 'missing-value', '--name needs a value (--name VALUE).'],
    [
      'missing value before an option',
      ['--seed', '--verbose'],
      'missing-value',
      "--seed needs a value (--seed N), got the option '--verbose'; write --seed=VALUE for a value that starts with --.",
    ],
    [
      'repeated option',
      ['--seed', '1', '--seed', '1'],
      'repeated-option',
      '--seed is given more than once; give it once.',
    ],
    ['repeated flag', ['--verbose', '--verbose'], 'repeated-option', '--verbose is given more than once'],
    [
      'flag with value',
      ['--verbose=yes'],
      'flag-with-value',
      "--verbose is a flag and takes no value, got 'yes'.",
    ],
    ['empty string', ['--name', ''], 'invalid-value', "--name must be a non-empty string, got ''."],
    ['empty path', ['--out', ''], 'invalid-value', "--out must be a path, got ''."],
    ['empty path with =', ['--out='], 'invalid-value', "--out must be a path, got ''."],
    [
      'NUL in a path',
      ['--out', 'a\0b'],
      'invalid-value',
      "--out must be a path without NUL characters, got 'a\\x00b'.",
    ],
    [
      'too long',
      ['--note', '123456789'],
      'invalid-value',
      "--note must be at most 8 characters, got '123456789'.",
    ],
    [
      'integer: exponent',
      ['--seed', '1e300'],
      'invalid-value',
      "--seed must be an integer from 0 to 2147483647, got '1e300'.",
    ],
    ['integer: above max', ['--seed', '2147483648'], 'invalid-value', "got '2147483648'"],
    ['integer: 20 digits', ['--seed', '99999999999999999999'], 'invalid-value', "got '99999999999999999999'"],
    [
      'integer: negative',
      ['--seed', '-1'],
      'invalid-value',
      "--seed must be an integer from 0 to 2147483647, got '-1'.",
    ],
    [
      'integer: fraction',
      ['--steps', '1.5'],
      'invalid-value',
      "--steps must be an integer from 1 to 10000, got '1.5'.",
    ],
    [
      'integer: zero steps',
      ['--steps', '0'],
      'invalid-value',
      "--steps must be an integer from 1 to 10000, got '0'.",
    ],
    ['integer: 1e9 steps', ['--steps', '1e9'], 'invalid-value', "got '1e9'"],
    ['integer: hex', ['--steps', '0x10'], 'invalid-value', "got '0x10'"],
    ['integer: leading zero', ['--steps', '010'], 'invalid-value', "got '010'"],
    ['integer: plus sign', ['--steps', '+5'], 'invalid-value', "got '+5'"],
    ['integer: whitespace', ['--steps', ' 5'], 'invalid-value', "got ' 5'"],
    [
      'integer: 1e12 ml steps',
      ['--ml-steps', '1e12'],
      'invalid-value',
      "--ml-steps must be an integer from 0 to 1000000, got '1e12'.",
    ],
    ['float: negative', ['--l2', '-1'], 'invalid-value', "--l2 must be a number from 0 to 1e6, got '-1'."],
    ['float: 1e300', ['--l2', '1e300'], 'invalid-value', "--l2 must be a number from 0 to 1e6, got '1e300'."],
    ['float: hex', ['--l2', '0x10'], 'invalid-value', "--l2 must be a number from 0 to 1e6, got '0x10'."],
    ['float: binary', ['--l2', '0b1'], 'invalid-value', "got '0b1'"],
    ['float: octal', ['--l2', '0o7'], 'invalid-value', "got '0o7'"],
    ['float: Infinity', ['--l2', 'Infinity'], 'invalid-value', "got 'Infinity'"],
    ['float: NaN', ['--l2', 'NaN'], 'invalid-value', "got 'NaN'"],
    ['float: empty', ['--l2='], 'invalid-value', "got ''"],
    ['float: whitespace', ['--l2', ' 1'], 'invalid-value', "got ' 1'"],
    [
      'float: overflow to Infinity',
      ['--shift', '1e999'],
      'invalid-value',
      "--shift must be a number from -1 to 1, got '1e999'.",
    ],
    ['float: ANSI escape is escaped', ['--l2', '\u001b[31m1'], 'invalid-value', "got '\\x1b[31m1'."],
    ['enum', ['--mode', 'slow'], 'invalid-value', "--mode must be one of fast, exact, got 'slow'."],
    ['enum is case-sensitive', ['--mode', 'FAST'], 'invalid-value', "got 'FAST'"],
    [
      'list: only a comma',
      ['--only', ','],
      'invalid-value',
      "--only must be a comma-separated list with no empty items, got ','.",
    ],
    [
      'list: empty',
      ['--only', ''],
      'invalid-value',
      "--only must be a comma-separated list with no empty items, got ''.",
    ],
    ['list: trailing comma', ['--only', 'a,'], 'invalid-value', "got 'a,'"],
    [
      'list: unknown item',
      ['--only', 'a,z'],
      'invalid-value',
      "--only items must each be one of a, b, c, got 'z'.",
    ],
    [
      'list: duplicate',
      ['--only', 'a,b,a'],
      'invalid-value',
      "--only lists 'a' more than once, got 'a,b,a'.",
    ],
    [
      'list: too many',
      ['--sizes', '1,2,3,4,5'],
      'invalid-value',
      '--sizes must list at most 4 items, got 5.',
    ],
    [
      'list: bad integer item',
      ['--sizes', '1,0x2'],
      'invalid-value',
      "--sizes items must each be an integer from 1 to 99, got '0x2'.",
    ],
    [
      'range list: 1e9 channels',
      ['--channels', '0-999999999'],
      'invalid-value',
      "--channels selects 1000000000 values, more than the 512 allowed per call (got '0-999999999').",
    ],
    [
      'range list: a huge number',
      ['--channels', '99999999999999999999999'],
      'invalid-value',
      "--channels numbers must be integers from 0 to 2147483647, got '99999999999999999999999'.",
    ],
    [
      'range list: backwards',
      ['--channels', '3-1'],
      'invalid-value',
      "--channels: range '3-1' runs backwards; write it low-high.",
    ],
    [
      'range list: negative',
      ['--channels', '-1'],
      'invalid-value',
      "--channels must be numbers and ranges like 0-7 or 0,3,5-6; '-1' is neither (got '-1').",
    ],
    ['range list: empty part', ['--channels', '0,,2'], 'invalid-value', "'' is neither (got '0,,2')."],
    ['range list: hex', ['--channels', '0x1'], 'invalid-value', "'0x1' is neither"],
    [
      'range list: over the count after merging',
      ['--channels', '0-300,200-600'],
      'invalid-value',
      'selects 601 values',
    ],
  ])('%s', (_, argv, code, message) => {
    const error = usageError(() => parse(argv));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it('a required option that is missing', () => {
    const specs = {
      csv: { kind: 'string', required: true, placeholder: 'FILE' },
    } as const satisfies OptionSpecs;
    const error = usageError(() => parseOptions(specs, []));
    expect([error.code, error.option, error.message]).toEqual([
      'missing-option',
      'csv',
      '--csv FILE is required.',
    ]);
    expectTypeOf(parseOptions(specs, ['--csv', 'a']).csv).toEqualTypeOf<string>();
  });

  it('long values are cut in messages', () => {
    const error = usageError(() => parse(['--l2', 'x'.repeat(500)]));
    expect(error.message).toBe(`--l2 must be a number from 0 to 1e6, got '${'x'.repeat(60)}…'.`);
  });

  it('expandRangeList: values at or above the limit are named, with the owner and what it has', () => {
    const list = parseRangeList('channels', { kind: 'range-list', maxCount: 512 }, '0,4-7,9');
    const error = usageError(() =>
      expandRangeList(list, { limit: 6, owner: "layer 'c1'", unit: 'channels' }),
    );
    expect([error.code, error.message]).toEqual([
      'out-of-range',
      "--channels 4-7, 9 out of range: layer 'c1' has channels 0..5.",
    ]);
  });
});

describe('formatUsage', () => {
  it('states each option with its allowed values and default', () => {
    const usage = formatUsage('openbox x [options]', {
      seed: { kind: 'integer', min: 0, max: 9, default: 0, help: 'the seed' },
      l2: { kind: 'float', min: 0, max: 1e6, default: 0, placeholder: 'X' },
      csv: { kind: 'string', pathLike: true, required: true, placeholder: 'FILE', help: 'data' },
      json: { kind: 'flag', help: 'JSON out' },
    });
    expect(usage).toBe(
      [
        'openbox x [options]',
        '',
        '  --seed N    the seed; an integer from 0 to 9 (default 0)',
        '  --l2 X      a number from 0 to 1e6 (default 0)',
        '  --csv FILE  data (required)',
        '  --json      JSON out',
      ].join('\n'),
    );
  });
});

describe('parseOptions: properties', () => {
  const integerSpec = { n: { kind: 'integer', min: -1000, max: 2 ** 31 - 1 } } as const satisfies OptionSpecs;

  it('any integer in range round-trips, as --n v and as --n=v', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 2 ** 31 - 1 }), (n) => {
        expect(parseOptions(integerSpec, ['--n', String(n)]).n).toBe(n);
        expect(parseOptions(integerSpec, [`--n=${n}`]).n).toBe(n);
      }),
    );
  });

  it('a string that is not a canonical decimal is rejected for integer options', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[-+0-9eEx. ]{1,12}$/)), (text) => {
        fc.pre(!/^(0|-?[1-9][0-9]*)$/.test(text));
        const error = usageError(() => parseOptions(integerSpec, [`--n=${text}`]));
        expect(error.code).toBe('invalid-value');
      }),
    );
  });

  it('floats: accepted exactly when the text is decimal syntax for a number in range', () => {
    const specs = { x: { kind: 'float', min: 0, max: 1e6 } } as const satisfies OptionSpecs;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.double().map(String),
          fc.stringMatching(/^[-+]?[0-9.]{0,6}(e[-+]?[0-9]{1,3})?$/),
        ),
        (text) => {
          const decimal = /^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(text);
          const value = Number(text);
          if (decimal && value >= 0 && value <= 1e6)
            expect(parseOptions(specs, [`--x=${text}`]).x).toBe(value + 0);
          else expect(usageError(() => parseOptions(specs, [`--x=${text}`])).code).toBe('invalid-value');
        },
      ),
    );
  });

  it('any range list is rejected or yields sorted unique values within bounds', () => {
    const specs = { c: { kind: 'range-list', maxCount: 64, max: 1000 } } as const satisfies OptionSpecs;
    const part = fc.oneof(
      fc.nat(1100).map(String),
      fc.tuple(fc.nat(1100), fc.nat(1100)).map(([a, b]) => `${a}-${b}`),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), fc.nat(1000), (parts, limit) => {
        let list: RangeList;
        try {
          list = parseOptions(specs, ['--c', parts.join(',')]).c!;
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          return;
        }
        expect(list.count).toBeLessThanOrEqual(64);
        let values: number[];
        try {
          values = expandRangeList(list, { limit, owner: 'x', unit: 'values' });
        } catch (error) {
          expect((error as UsageError).code).toBe('out-of-range');
          expect(list.ranges.at(-1)![1]).toBeGreaterThanOrEqual(limit);
          return;
        }
        expect(values).toHaveLength(list.count);
        for (let i = 0; i < values.length; i++) {
          expect(values[i]).toBeGreaterThanOrEqual(0);
          expect(values[i]).toBeLessThan(limit);
          if (i > 0) expect(values[i]).toBeGreaterThan(values[i - 1]!);
        }
      }),
    );
  });

  it('no argv throws anything but a UsageError', () => {
    const token = fc.oneof(
      fc.string(),
      fc.constantFrom(...Object.keys(SPECS).map((k) => `--${k}`), '--', '-', '-1', '--x='),
      fc.constantFrom(...Object.keys(SPECS)).chain((k) => fc.string().map((v) => `--${k}=${v}`)),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), (argv) => {
        try {
          parse(argv);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatRanges', () => {
  it.each<[number[], string]>([
    [[], ''],
    [[3], '3'],
    [[0, 1, 2, 5], '0-2,5'],
    [[2, 4, 5, 6, 9, 10], '2,4-6,9-10'],
  ])('%j → %s', (values, text) => {
    expect(formatRanges(values)).toBe(text);
  });
});
