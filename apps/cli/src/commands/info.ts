/** `openbox info`: the backend chosen (and why better ones were skipped), the datasets, a training benchmark. */
import { loadCars, loadIris, loadMnist, loadPenguins, type Dataset } from '@openbox/datasets';
import { initBackend, measureTrainingThroughput, type BackendReport } from '@openbox/runtime';
import { parseOptions, type OptionSpecs } from '../args.js';
import type { Command } from '../command.js';
import { formatUsage } from '../usage.js';

export const INFO_OPTIONS = {
  'no-bench': { kind: 'flag', help: 'skip the training benchmark' },
  steps: {
    kind: 'integer',
    min: 1,
    max: 10_000,
    default: 20,
    help: 'Adam steps of the benchmark (batch 64)',
  },
} as const satisfies OptionSpecs;

function backendLines(report: BackendReport): string[] {
  const lines = [
    `Backend: ${report.chosen} (tfjs '${report.tfBackend}')${report.forced ? ', forced by OPENBOX_BACKEND' : ''}`,
  ];
  for (const { backend, reason } of report.skipped) lines.push(`  skipped ${backend}: ${reason}`);
  if (report.threads !== undefined)
    lines.push(`  threads: ${report.threads}${report.chosen === 'wasm' ? ' (OPENBOX_WASM_THREADS)' : ''}`);
  if (report.threadsNote !== undefined) lines.push(`  ${report.threadsNote}`);
  if (report.kernels.length > 0) lines.push(`  OpenBox kernels over wasm: ${report.kernels.join(', ')}`);
  return lines;
}

function datasetLine(dataset: Dataset, label = dataset.name): string {
  const dropped =
    dataset.missing.rowsDropped > 0
      ? `, ${dataset.missing.rowsDropped} rows with missing values dropped`
      : '';
  return `  ${label.padEnd(14)} ${dataset.shape.join('×').padEnd(14)} ${String(dataset.classNames.length).padStart(2)} classes${dropped}  (${dataset.source})`;
}

function datasetLines(): string[] {
  const mnist = loadMnist({ seed: 0 });
  const rest = [loadPenguins(), loadCars(), loadIris()].map((d) => datasetLine(d));
  return [
    'Datasets:',
    datasetLine(mnist.train, 'mnist (train)'),
    datasetLine(mnist.test, 'mnist (test)'),
    ...rest,
  ];
}

export const infoCommand: Command = {
  summary: 'backend report, datasets with their sizes, and a short training benchmark of the reference CNN',
  usage: formatUsage('openbox info [--no-bench] [--steps N]', INFO_OPTIONS),
  async run(argv) {
    // 1. Arguments.
    const args = parseOptions(INFO_OPTIONS, argv);
    // 2. Backend.
    const report = await initBackend();
    console.log(backendLines(report).join('\n'));
    // 3. Datasets.
    console.log(datasetLines().join('\n'));
    // 4. Benchmark.
    if (!args.noBench) {
      const result = await measureTrainingThroughput({
        batchSize: 64,
        steps: args.steps,
        warmup: 3,
        seed: 0,
      });
      console.log(
        `Benchmark: reference CNN training, batch 64, ${args.steps} Adam steps on ${report.chosen}: ${Math.round(result.samplesPerSecond)} samples/s`,
      );
    }
    return 0;
  },
};
