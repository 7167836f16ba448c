/**
 * Interleaved measurement for benchmarks that compare OpenBox with a peer (PyTorch, scikit-learn, SHAP, Captum).
 *
 * Contenders take turns, A B C A B C …, over `rounds` rounds, so a change in machine load (the shared 2-core
 * machines: another job taking a core collapses a 2-thread peer 5–60×) falls on every contender alike. Each
 * contender reports one number per round (a rate or a time); the summary is the median with the min–max range.
 * `loadAverage()` is printed beside every table so a reader can see how busy the machine was.
 */
import os from 'node:os';

/** One side of a comparison: `measure` runs one round and returns the figure (e.g. samples/s or seconds). */
export interface Contender {
  readonly name: string;
  readonly measure: () => Promise<number> | number;
}

/** The figures one contender gave, in round order, with their median and range. */
export interface Summary {
  readonly name: string;
  readonly values: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Summarizes one contender's figures. */
export function summarize(name: string, values: readonly number[]): Summary {
  return { name, values, median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Runs `rounds` (≥ 3) rounds in which every contender measures once, in the order given, and returns one summary
 * per contender (same order). A contender that throws aborts the whole comparison with its name.
 */
export async function interleave(
  contenders: readonly Contender[],
  rounds: number,
  onRound?: (round: number, figures: readonly number[]) => void,
): Promise<Summary[]> {
  if (!Number.isInteger(rounds) || rounds < 3)
    throw new Error(`rounds must be an integer ≥ 3, got ${rounds}`);
  const values = contenders.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    const figures: number[] = [];
    for (const [i, contender] of contenders.entries()) {
      let figure: number;
      try {
        figure = await contender.measure();
      } catch (error) {
        throw new Error(`${contender.name} failed in round ${round + 1}: ${(error as Error).message}`);
      }
      values[i]!.push(figure);
      figures.push(figure);
    }
    onRound?.(round, figures);
  }
  return contenders.map((c, i) => summarize(c.name, values[i]!));
}

/** `median [min–max]` with `digits` significant digits, e.g. `1,860 [1,790–1,910]`. */
export function formatSummary(s: Summary, digits = 3): string {
  const f = (x: number) => formatFigure(x, digits);
  return `${f(s.median)} [${f(s.min)}–${f(s.max)}]`;
}

/** A figure with `digits` significant digits and thousands separators (`1,860`, `0.0123`). */
export function formatFigure(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  const rounded = Number(x.toPrecision(digits));
  const maxFraction = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(rounded) || 1)));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: Math.min(maxFraction, 12) });
}

/** The ratio of two summaries' medians with the range of per-round ratios: `0.52× [0.47–0.58]`. */
export function formatRatio(a: Summary, b: Summary, digits = 2): string {
  const perRound = a.values.map((v, i) => v / b.values[i]!);
  const r = summarize('ratio', perRound);
  return `${formatFigure(a.median / b.median, digits)}× [${formatFigure(r.min, digits)}–${formatFigure(r.max, digits)}]`;
}

/** The 1/5/15-minute load average and the core count, for the line printed beside each table. */
export function loadAverage(): string {
  const [one, five, fifteen] = os.loadavg().map((l) => l.toFixed(2));
  return `${one} / ${five} / ${fifteen} (1/5/15 min) on ${os.cpus().length} cores`;
}
