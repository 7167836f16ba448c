/** `escapeForMessage`: a short, printable excerpt of untrusted text for an error message. */

/** Default longest excerpt, in characters (before the ellipsis). */
export const DEFAULT_EXCERPT_CHARS = 60;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/**
 * Escapes what a terminal would act on — C0 controls (NUL, ESC of ANSI sequences, newlines), DEL, C1 controls,
 * bidirectional overrides and line/paragraph separators — as `\n`, `\xNN` or `\uNNNN`, and cuts the result to
 * `maxChars` characters followed by `…`. Backslashes are doubled, so the excerpt is unambiguous.
 * @example escapeForMessage('a\u001b[31mb\n') // 'a\\x1b[31mb\\n'
 */
export function escapeForMessage(text: string, maxChars: number = DEFAULT_EXCERPT_CHARS): string {
  const source = String(text);
  let out = '';
  let shown = 0;
  for (const ch of source) {
    if (shown >= maxChars) return `${out}…`;
    out += escapeChar(ch);
    shown++;
  }
  return out;
}

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0) as number;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (
    (code >= 0x200e && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  )
    return `\\u${code.toString(16).padStart(4, '0')}`;
  return ch;
}
