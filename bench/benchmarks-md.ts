/** Writes one package's section of BENCHMARKS.md between markers, leaving the other sections as they are. */
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCHMARKS_FILE = join(ROOT, 'BENCHMARKS.md');

const HEADER = `# Benchmarks

Every figure below was written by \`pnpm bench\` (each section names the command that reproduces it alone).
Ratios compare against a baseline measured in the same run, on the same machine. Machine noise on the shared
2-core CI-size machines is about ±20–30%.
`;

/** A line naming the machine a section was measured on. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  return `Machine: ${cpus().length} × ${cpu}, Node ${process.version}, measured ${new Date().toISOString().slice(0, 10)}.`;
}

/**
 * Replace (or append) the section `id` of BENCHMARKS.md with `title`, the reproducing `command` and `body`.
 * The file is written atomically (temp file + rename).
 */
export function writeBenchmarkSection(id: string, title: string, command: string, body: string): void {
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const section = `${start}\n## ${title}\n\nReproduce: \`${command}\`\n\n${machineLine()}\n\n${body.trim()}\n${end}`;
  const current = existsSync(BENCHMARKS_FILE) ? readFileSync(BENCHMARKS_FILE, 'utf8') : HEADER;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + section + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  const tmp = `${BENCHMARKS_FILE}.${process.pid}.tmp`;
  writeFileSync(tmp, next);
  renameSync(tmp, BENCHMARKS_FILE);
}

/** A Markdown table from a header row and data rows. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
