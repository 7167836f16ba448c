/** `formatUsage`: a command's usage text from its synopsis and option specs, each line stating what is allowed. */
import { placeholderOf, type OptionSpec, type OptionSpecs } from './args.js';
import { describeSpec, formatBound } from './option-value.js';

function defaultText(spec: Exclude<OptionSpec, { kind: 'flag' }>): string {
  if (spec.required === true) return 'required';
  if (spec.default === undefined) return '';
  const value = spec.default;
  if (Array.isArray(value)) return value.length === 0 ? '' : `default ${value.join(',')}`;
  return `default ${typeof value === 'number' ? formatBound(value) : String(value)}`;
}

/** Longest usage line before the help text wraps. */
const LINE_WIDTH = 110;

/** Words of `text` wrapped to lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/**
 * `--name PLACEHOLDER  help; <allowed values> (default …)`, wrapped under the help column. Strings state only
 * whether they are required or their default; numbers, enums and lists also what they accept.
 */
function optionLines(name: string, spec: OptionSpec, width: number): string[] {
  const head = spec.kind === 'flag' ? `--${name}` : `--${name} ${placeholderOf(spec)}`;
  let help = spec.help ?? '';
  if (spec.kind !== 'flag') {
    const allowed = spec.kind === 'string' ? '' : describeSpec(spec);
    const fallback = defaultText(spec);
    if (allowed !== '') help = help === '' ? allowed : `${help}; ${allowed}`;
    if (fallback !== '') help = help === '' ? `(${fallback})` : `${help} (${fallback})`;
  }
  const indent = ' '.repeat(width + 4);
  return wrap(help, Math.max(30, LINE_WIDTH - indent.length)).map((text, i) =>
    i === 0 ? `  ${head.padEnd(width)}  ${text}` : `${indent}${text}`,
  );
}

/**
 * The usage text: `synopsis`, a blank line, the options (placeholder, help, allowed values, default), then `notes`.
 * @example formatUsage('openbox info [--no-bench] [--steps N]', INFO_OPTIONS)
 */
export function formatUsage(synopsis: string, specs: OptionSpecs, notes: readonly string[] = []): string {
  const entries = Object.entries(specs);
  const width = Math.max(
    ...entries.map(
      ([name, spec]) => name.length + 2 + (spec.kind === 'flag' ? 0 : placeholderOf(spec).length + 1),
    ),
  );
  const lines = entries.flatMap(([name, spec]) => optionLines(name, spec, width));
  return [synopsis, '', ...lines, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}
