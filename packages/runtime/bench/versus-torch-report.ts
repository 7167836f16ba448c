/**
 * The Markdown of the OpenBox-vs-PyTorch comparison: a rate table (medians with min–max, `formatRatio` of OpenBox vs
 * each PyTorch mode and of wasm 2 vs 1 threads) and a GFLOP/s table (rate × FLOP per unit of work from
 * `modelFlops`, as a share of the same contender's matrix-multiply ceiling measured in the same run).
 */
import { formatFigure, formatRatio, formatSummary, type Summary } from '../../../bench/interleave.js';
import { markdownTable } from '../../../bench/benchmarks-md.js';
import type { ModelFlops } from '../../../bench/model-flops.js';
import { BATCH, type TaskName } from './openbox-tasks.js';
import type { TaskResult, VersusResult } from './versus-torch.js';

const WORK: Record<TaskName, string> = {
  train: 'training, batch 64 (samples/s)',
  inputGradient: 'input gradient of the softmax output, batch 8 (steps/s)',
  inference: 'inference, batch 64 (samples/s)',
  matmul: 'matrix multiply (GFLOP/s): tfjs 1024², PyTorch oneDNN 2048²',
};

/** FLOP per unit of each rate: a training or inference sample, an input-gradient step of 8 samples. */
export function flopsPerUnit(flops: ModelFlops): Record<Exclude<TaskName, 'matmul'>, number> {
  return {
    train: flops.training,
    inputGradient: flops.inputGradient * BATCH.inputGradient,
    inference: flops.forward,
  };
}

/** The summaries of one task by contender name. */
const byName = (r: TaskResult | undefined) => new Map((r?.summaries ?? []).map((s) => [s.name, s]));

/** A median ratio a ÷ b with the per-round range, or — where either is missing. */
const ratio = (a: Summary | undefined, b: Summary | undefined) => (a && b ? formatRatio(a, b) : '—');

export interface ReportTables {
  readonly rates: string;
  readonly gflops: string;
  /** OpenBox ÷ PyTorch 2 threads, median, per task (for the target line). */
  readonly versusTorch2: Partial<Record<TaskName, number>>;
}

/**
 * Both tables from one run's results.
 * @example const { rates, gflops } = reportTables(result, modelFlops(model.layers));
 */
export function reportTables(result: VersusResult, flops: ModelFlops): ReportTables {
  const rateTasks = result.results.filter((r) => r.task !== 'matmul');
  const names = (rateTasks[0]?.summaries ?? []).map((s) => s.name);
  const openbox = names[0]!;
  const torchNames = names.filter((n) => n.startsWith('PyTorch'));
  const wasmNames = names.filter((n) => n.startsWith('OpenBox wasm'));
  // 1. Rates and ratios.
  const ratioHeads = [
    ...torchNames.map((t) => `OpenBox ÷ ${t}`),
    ...(wasmNames.length === 2 ? [`${wasmNames[1]} ÷ ${wasmNames[0]}`] : []),
  ];
  const versusTorch2: Partial<Record<TaskName, number>> = {};
  const rateRows = rateTasks.map((r) => {
    const s = byName(r);
    const torch2 = s.get('PyTorch 2 threads');
    if (torch2) versusTorch2[r.task] = s.get(openbox)!.median / torch2.median;
    return [
      WORK[r.task],
      ...names.map((n) => (s.get(n) ? formatSummary(s.get(n)!) : '—')),
      ...torchNames.map((t) => ratio(s.get(openbox), s.get(t))),
      ...(wasmNames.length === 2 ? [ratio(s.get(wasmNames[1]!), s.get(wasmNames[0]!))] : []),
    ];
  });
  const rates = markdownTable(['work', ...names, ...ratioHeads], rateRows);
  // 2. GFLOP/s against each contender's own ceiling (the matmul row of the same name).
  const ceilings = byName(result.results.find((r) => r.task === 'matmul'));
  const perUnit = flopsPerUnit(flops);
  const gflopRows = rateTasks.map((r) => {
    const s = byName(r);
    const unit = perUnit[r.task as Exclude<TaskName, 'matmul'>];
    return [
      WORK[r.task].replace(/ \((samples|steps)\/s\)$/, ''),
      formatFigure(unit / 1e6, 3),
      ...names.map((n) => {
        const rate = s.get(n);
        if (!rate) return '—';
        const gflops = (rate.median * unit) / 1e9;
        const ceiling = ceilings.get(n)?.median;
        return ceiling
          ? `${formatFigure(gflops)} (${((100 * gflops) / ceiling).toFixed(0)}%)`
          : formatFigure(gflops);
      }),
    ];
  });
  const ceilingRow = [
    'matrix-multiply ceiling (tfjs `matMul` 1024²; PyTorch oneDNN 2048²)',
    '—',
    ...names.map((n) => (ceilings.get(n) ? formatSummary(ceilings.get(n)!) : '—')),
  ];
  const gflops = markdownTable(['work', 'MFLOP per unit', ...names], [...gflopRows, ceilingRow]);
  return { rates, gflops, versusTorch2 };
}
