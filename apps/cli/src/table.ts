/** `table`: a plain-text table, first column left-aligned, the others right-aligned, a dashed rule under the header. */

/**
 * Rows must have as many cells as the header.
 * @example table(['', 'x'], [['a', '1']]) // '   x\n-  -\na  1'
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
